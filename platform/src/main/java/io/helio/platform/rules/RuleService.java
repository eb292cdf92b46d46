package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps rules valid: the product and the listed devices must be the tenant's, and the expression
 * must compile against the product's model. Every change reaches the engine at once.
 */
class RuleService {

    private final R2dbcRuleRepository rules;
    private final ProductService products;
    private final ThingModelService models;
    private final DeviceService devices;
    private final RuleEngine engine;
    private final Clock clock;

    RuleService(
            R2dbcRuleRepository rules,
            ProductService products,
            ThingModelService models,
            DeviceService devices,
            RuleEngine engine,
            Clock clock) {
        this.rules = rules;
        this.products = products;
        this.models = models;
        this.devices = devices;
        this.engine = engine;
        this.clock = clock;
    }

    Mono<AlertRule> create(AlertRule rule) {
        return validated(rule).then(rules.insert(rule)).doOnNext(engine::changed);
    }

    /** Replaces the definition, keeping the rule's creation time. */
    Mono<AlertRule> update(AlertRule definition) {
        return get(definition.tenant(), definition.ruleId())
                .flatMap(existing -> validated(definition)
                        .then(rules.update(definition.replacing(existing, clock.instant())))
                        .doOnNext(updated -> {
                            engine.changed(existing);
                            engine.changed(updated);
                        }));
    }

    Mono<AlertRule> get(TenantId tenant, String ruleId) {
        return rules.find(tenant, ruleId)
                .switchIfEmpty(
                        Mono.error(() -> new ApiException(PlatformError.RULE_NOT_FOUND, "no rule '" + ruleId + "'")));
    }

    Mono<AlertRule> setEnabled(TenantId tenant, String ruleId, boolean enabled) {
        return get(tenant, ruleId)
                .flatMap(rule -> rules.update(rule.enabled(enabled, clock.instant())))
                .doOnNext(engine::changed);
    }

    Mono<Void> delete(TenantId tenant, String ruleId) {
        return get(tenant, ruleId)
                .flatMap(rule -> rules.delete(tenant, ruleId).doOnNext(deleted -> engine.changed(rule)))
                .then();
    }

    /** The rule's model and compiled condition, once its product, devices, condition and commands are found valid. */
    Mono<Checked> validated(AlertRule rule) {
        return products.get(rule.tenant(), rule.product())
                .flatMap(product -> models.get(rule.tenant(), product.model()))
                .map(model -> new Checked(model, RuleChecks.check(rule, model)))
                .flatMap(checked -> Flux.fromIterable(rule.devices())
                        .concatMap(device -> deviceOf(rule, device))
                        .then(Mono.just(checked)));
    }

    /** The rule's model, and its compiled expression when it is an expression rule. */
    record Checked(ThingModel model, @Nullable RuleCondition condition) {}

    private Mono<Void> deviceOf(AlertRule rule, DeviceKey device) {
        return devices.get(rule.tenant(), rule.product(), device)
                .onErrorMap(
                        ApiException.class,
                        missing -> new ApiException(
                                PlatformError.RULE_INVALID,
                                "product '" + rule.product() + "' has no device '" + device + "'"))
                .then();
    }
}
