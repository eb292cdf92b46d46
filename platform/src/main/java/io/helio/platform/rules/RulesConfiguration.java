package io.helio.platform.rules;

import io.helio.platform.command.CommandService;
import io.helio.platform.ingest.LatestValues;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.SecretCipher;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.model.asset.AssetTreeService;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.timeseries.InfluxRawDataReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    @Bean
    WebhookSecrets webhookSecrets(SecretCipher cipher) {
        return new WebhookSecrets(cipher);
    }

    @Bean
    R2dbcRuleRepository ruleRepository(DatabaseClient db, TenantScope scope, JsonMapper json, WebhookSecrets secrets) {
        return new R2dbcRuleRepository(db, scope, json, secrets);
    }

    @Bean
    RuleDependants ruleDependants(R2dbcRuleRepository rules) {
        return new RuleDependants(rules);
    }

    @Bean
    R2dbcAlertRepository alertRepository(
            DatabaseClient db, TenantScope scope, JsonMapper json, WebhookSecrets secrets) {
        return new R2dbcAlertRepository(db, scope, json, secrets);
    }

    @Bean
    R2dbcWebhookDeliveries webhookDeliveries(DatabaseClient db, TenantScope scope, WebhookSecrets secrets) {
        return new R2dbcWebhookDeliveries(db, scope, secrets);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(
            R2dbcWebhookDeliveries deliveries, WebClient.Builder webClients, RulesProperties properties, Clock clock) {
        return new WebhookDispatcher(deliveries, webClients.clone().build(), properties, clock);
    }

    @Bean
    PeriodicTask webhookDispatch(WebhookDispatcher dispatcher, RulesProperties properties) {
        return new PeriodicTask("webhook-dispatch", properties.webhookPollEvery(), dispatcher::dispatchDue, false);
    }

    @Bean
    AlertFeed alertFeed() {
        return new AlertFeed();
    }

    @Bean
    RuleActions ruleActions(
            R2dbcAlertRepository alerts,
            AlertFeed feed,
            CommandService commands,
            JsonMapper json,
            ObjectProvider<MeasurePointIngestor> ingestor,
            Clock clock) {
        return new RuleActions(alerts, feed, commands, json, ingestor, clock);
    }

    @Bean
    RuleEngine ruleEngine(
            R2dbcRuleRepository rules,
            R2dbcAlertRepository alerts,
            DeviceDirectory directory,
            LatestValues latest,
            RuleActions actions,
            RulesProperties properties,
            MeterRegistry registry,
            Clock clock) {
        return new RuleEngine(
                rules,
                alerts,
                directory,
                latest,
                actions,
                properties.windowGrace(),
                Timer.builder("helio.rules.evaluations")
                        .description("evaluations of rules' conditions")
                        .register(registry),
                clock);
    }

    @Bean
    DataArrivals dataArrivals(DatabaseClient db, TenantScope scope, RulesProperties properties, Clock clock) {
        return new DataArrivals(db, scope, properties.dataArrivalResolution(), clock);
    }

    @Bean
    PeriodicTask dataArrivalsFlush(DataArrivals arrivals) {
        return new PeriodicTask("data-arrivals-flush", Duration.ofSeconds(1), arrivals::flush, true);
    }

    @Bean
    SilenceWatch silenceWatch(
            DatabaseClient db, TenantScope scope, R2dbcRuleRepository rules, RuleActions actions, Clock clock) {
        return new SilenceWatch(db, scope, rules, actions, clock);
    }

    @Bean
    PeriodicTask silenceChecks(SilenceWatch watch, RulesProperties properties) {
        return new PeriodicTask("silence-checks", properties.silenceCheckEvery(), watch::check, false);
    }

    @Bean
    RuleReplay ruleReplay(RuleService rules, DeviceService devices, InfluxRawDataReader reader) {
        return new RuleReplay(rules, devices, reader);
    }

    @Bean
    RuleService ruleService(
            R2dbcRuleRepository rules,
            ProductService products,
            ThingModelService models,
            DeviceService devices,
            AssetTreeService assetTrees,
            RuleEngine engine,
            Clock clock) {
        return new RuleService(rules, products, models, devices, assetTrees, engine, clock);
    }
}
