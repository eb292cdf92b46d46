package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.model.asset.AssetTreeService;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps rules valid: what they watch (a product and its listed devices, or a model and an asset
 * subtree) must be the tenant's, and their condition and commands must fit the model. Every change reaches the engine at once.
 */
class RuleService {

    private final R2dbcRuleRepository rules;
    private final ProductService products;
    private final ThingModelService models;
    private final DeviceService devices;
    private final AssetTreeService assetTrees;
    private final RuleEngine engine;
    private final Clock clock;

    RuleService(
            R2dbcRuleRepository rules,
            ProductService products,
            ThingModelService models,
            DeviceService devices,
            AssetTreeService assetTrees,
            RuleEngine engine,
            Clock clock) {
        this.rules = rules;
        this.products = products;
        this.models = models;
        this.devices = devices;
        this.assetTrees = assetTrees;
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

    /**
     * The rule's model and compiled condition, once its scope (product and devices, or model and
     * asset subtree), condition and commands are found valid.
     */
    Mono<Checked> validated(AlertRule rule) {
        Mono<ThingModel> model;
        Flux<Void> scopeChecks;
        if (rule.scope() instanceof RuleScope.OfProduct ofProduct) {
            model = products.get(rule.tenant(), ofProduct.product())
                    .flatMap(product -> models.get(rule.tenant(), product.model()));
            scopeChecks = Flux.fromIterable(ofProduct.devices()).concatMap(device -> deviceOf(rule, ofProduct, device));
        } else {
            RuleScope.OfModel ofModel = (RuleScope.OfModel) rule.scope();
            model = models.get(rule.tenant(), ofModel.model());
            scopeChecks = ofModel.subtree() == null
                    ? Flux.empty()
                    : assetTrees
                            .node(
                                    rule.tenant(),
                                    ModelId.of(ofModel.subtree().treeId()),
                                    ofModel.subtree().nodeId())
                            .thenMany(Flux.empty());
        }
        return model.map(found -> new Checked(found, RuleChecks.check(rule, found)))
                .flatMap(checked -> scopeChecks.then(Mono.just(checked)));
    }

    /** The rule's model, and its compiled expression when it is an expression rule. */
    record Checked(ThingModel model, @Nullable RuleCondition condition) {}

    private Mono<Void> deviceOf(AlertRule rule, RuleScope.OfProduct scope, DeviceKey device) {
        return devices.get(rule.tenant(), scope.product(), device)
                .onErrorMap(
                        ApiException.class,
                        missing -> new ApiException(
                                PlatformError.RULE_INVALID,
                                "product '" + scope.product() + "' has no device '" + device + "'"))
                .then();
    }
}
