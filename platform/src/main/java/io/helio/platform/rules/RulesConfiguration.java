package io.helio.platform.rules;

import io.helio.platform.ingest.LatestValues;
import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.timeseries.InfluxRawDataReader;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    @Bean
    R2dbcRuleRepository ruleRepository(DatabaseClient db, TenantScope scope) {
        return new R2dbcRuleRepository(db, scope);
    }

    @Bean
    R2dbcAlertRepository alertRepository(DatabaseClient db, TenantScope scope, JsonMapper json) {
        return new R2dbcAlertRepository(db, scope, json);
    }

    @Bean
    R2dbcWebhookDeliveries webhookDeliveries(DatabaseClient db, TenantScope scope) {
        return new R2dbcWebhookDeliveries(db, scope);
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
    RuleEngine ruleEngine(
            R2dbcRuleRepository rules,
            R2dbcAlertRepository alerts,
            DeviceDirectory directory,
            LatestValues latest,
            AlertFeed feed,
            Clock clock) {
        return new RuleEngine(rules, alerts, directory, latest, feed, clock);
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
            RuleEngine engine,
            Clock clock) {
        return new RuleService(rules, products, models, devices, engine, clock);
    }
}
