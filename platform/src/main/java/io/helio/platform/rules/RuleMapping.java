package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.api.model.AggregateFunction;
import io.helio.platform.api.model.AlertSeverity;
import io.helio.platform.api.model.Rule;
import io.helio.platform.api.model.RuleAssetScope;
import io.helio.platform.api.model.RuleDefinition;
import io.helio.platform.api.model.RuleWindow;
import io.helio.platform.api.model.Webhook;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Rules between their API form and the engine's. */
final class RuleMapping {

    private RuleMapping() {}

    static AlertRule toRule(TenantId tenant, String ruleId, RuleDefinition definition, Instant now) {
        return new AlertRule(
                tenant,
                ruleId,
                definition.getName(),
                definition.getDescription(),
                scope(definition),
                trigger(definition),
                Duration.ofSeconds(definition.getDelaySeconds() == null ? 0 : definition.getDelaySeconds()),
                definition.getSeverity().getValue(),
                definition.getMessage(),
                !Boolean.FALSE.equals(definition.getEnabled()),
                webhook(definition.getWebhook()),
                definition.getCommands() == null
                        ? List.of()
                        : definition.getCommands().stream()
                                .map(command -> new RuleCommand(
                                        command.getWhen().getValue(), command.getServiceId(), command.getParams()))
                                .toList(),
                now,
                now);
    }

    static Rule toApi(AlertRule rule) {
        Rule api = new Rule(
                        rule.name(),
                        AlertSeverity.fromValue(rule.severity()),
                        rule.message(),
                        rule.enabled(),
                        rule.ruleId(),
                        rule.createdAt().atOffset(ZoneOffset.UTC),
                        rule.updatedAt().atOffset(ZoneOffset.UTC))
                .description(rule.description())
                .delaySeconds((int) rule.delay().toSeconds())
                .webhook(
                        rule.webhook() == null
                                ? null
                                : new Webhook(rule.webhook().url()))
                .commands(rule.commands().stream()
                        .map(command -> new io.helio.platform.api.model.RuleCommand(
                                        io.helio.platform.api.model.RuleCommand.WhenEnum.fromValue(command.when()),
                                        command.params())
                                .serviceId(command.serviceId()))
                        .toList());
        if (rule.scope() instanceof RuleScope.OfProduct ofProduct) {
            api.productKey(ofProduct.product().value())
                    .deviceKeys(
                            ofProduct.devices().stream().map(DeviceKey::value).toList());
        } else if (rule.scope() instanceof RuleScope.OfModel ofModel) {
            api.modelId(ofModel.model().value());
            if (ofModel.subtree() != null) {
                api.assetScope(new RuleAssetScope(
                        ofModel.subtree().treeId(), ofModel.subtree().nodeId()));
            }
        }
        RuleTrigger trigger = rule.trigger();
        if (trigger instanceof RuleTrigger.Expression expression) {
            api.expression(expression.expression());
        } else if (trigger instanceof RuleTrigger.Window window) {
            api.window(new RuleWindow(
                            RuleWindow.TypeEnum.fromValue(window.type().name()),
                            window.minutes(),
                            window.point(),
                            AggregateFunction.fromValue(window.function().name().toLowerCase(Locale.ROOT)),
                            RuleWindow.OperatorEnum.fromValue(window.operator().name()),
                            window.threshold())
                    .derivedPoint(window.derivedPoint()));
        } else if (trigger instanceof RuleTrigger.NoData noData) {
            api.noDataMinutes(noData.minutes());
        } else if (trigger instanceof RuleTrigger.Offline offline) {
            api.offlineMinutes(offline.minutes());
        } else if (trigger instanceof RuleTrigger.Event event) {
            api.eventId(event.eventId());
        }
        return api;
    }

    /** A product (and the devices listed), or a model (and an asset subtree). */
    private static RuleScope scope(RuleDefinition definition) {
        boolean ofProduct = definition.getProductKey() != null;
        if (ofProduct == (definition.getModelId() != null)) {
            throw new ApiException(PlatformError.RULE_INVALID, "a rule watches either a productKey or a modelId");
        }
        if (ofProduct) {
            if (definition.getAssetScope() != null) {
                throw new ApiException(PlatformError.RULE_INVALID, "an assetScope goes with a modelId");
            }
            return new RuleScope.OfProduct(
                    ProductKey.of(definition.getProductKey()), deviceKeys(definition.getDeviceKeys()));
        }
        if (definition.getDeviceKeys() != null && !definition.getDeviceKeys().isEmpty()) {
            throw new ApiException(PlatformError.RULE_INVALID, "deviceKeys go with a productKey");
        }
        RuleAssetScope subtree = definition.getAssetScope();
        return new RuleScope.OfModel(
                ModelId.of(definition.getModelId()),
                subtree == null ? null : new RuleScope.AssetSubtree(subtree.getTreeId(), subtree.getNodeId()));
    }

    /** The one condition the definition gives. */
    private static RuleTrigger trigger(RuleDefinition definition) {
        List<RuleTrigger> given = new ArrayList<>();
        if (definition.getExpression() != null) {
            given.add(new RuleTrigger.Expression(definition.getExpression()));
        }
        RuleWindow window = definition.getWindow();
        if (window != null) {
            given.add(new RuleTrigger.Window(
                    RuleTrigger.WindowType.valueOf(window.getType().getValue()),
                    window.getMinutes(),
                    window.getPoint(),
                    Aggregation.valueOf(window.getFunction().getValue().toUpperCase(Locale.ROOT)),
                    Comparison.valueOf(window.getOperator().getValue()),
                    window.getThreshold(),
                    window.getDerivedPoint()));
        }
        if (definition.getNoDataMinutes() != null) {
            given.add(new RuleTrigger.NoData(definition.getNoDataMinutes()));
        }
        if (definition.getOfflineMinutes() != null) {
            given.add(new RuleTrigger.Offline(definition.getOfflineMinutes()));
        }
        if (definition.getEventId() != null) {
            given.add(new RuleTrigger.Event(definition.getEventId()));
        }
        if (given.size() != 1) {
            throw new ApiException(
                    PlatformError.RULE_INVALID,
                    "a rule has exactly one condition: expression, window, noDataMinutes, offlineMinutes or eventId;"
                            + " this one has " + given.size());
        }
        return given.get(0);
    }

    private static @Nullable RuleWebhook webhook(@Nullable Webhook webhook) {
        if (webhook == null) {
            return null;
        }
        if (webhook.getSecret() == null) {
            throw new ApiException(PlatformError.RULE_INVALID, "a webhook needs the secret that signs its deliveries");
        }
        return new RuleWebhook(webhook.getUrl(), webhook.getSecret());
    }

    private static List<DeviceKey> deviceKeys(@Nullable List<String> keys) {
        return keys == null
                ? List.of()
                : keys.stream().distinct().map(DeviceKey::of).toList();
    }
}
