package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.PageCursor;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.UniqueViolations;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rules in PostgreSQL, behind the tenant wall. */
class R2dbcRuleRepository {

    private static final String COLUMNS =
            "rule_id, name, description, product_key, device_keys, model_id, asset_tree_id,"
                    + " asset_node_id, expression,"
                    + " trigger_kind, trigger_spec, delay_seconds, severity, message, enabled, webhook_url, webhook_secret,"
                    + " commands, created_at, updated_at";
    private static final TypeReference<List<RuleCommand>> COMMANDS = new TypeReference<>() {};
    private static final Map<String, Class<? extends RuleTrigger>> TRIGGERS = Map.of(
            "WINDOW", RuleTrigger.Window.class,
            "NO_DATA", RuleTrigger.NoData.class,
            "OFFLINE", RuleTrigger.Offline.class,
            "EVENT", RuleTrigger.Event.class);

    private final DatabaseClient db;
    private final TenantScope scope;
    private final JsonMapper json;
    private final WebhookSecrets secrets;

    R2dbcRuleRepository(DatabaseClient db, TenantScope scope, JsonMapper json, WebhookSecrets secrets) {
        this.db = db;
        this.scope = scope;
        this.json = json;
        this.secrets = secrets;
    }

    Mono<AlertRule> insert(AlertRule rule) {
        return scope.mono(
                        rule.tenant(),
                        () -> bindAll(
                                        db.sql("INSERT INTO rules (tenant_id, " + COLUMNS + ") VALUES (:tenant, :rule,"
                                                + " :name, :description, :product, :devices, :model, :assetTree, :assetNode, :expression, :triggerKind, :triggerSpec,"
                                                + " :delay, :severity, :message, :enabled, :webhookUrl, :webhookSecret,"
                                                + " :commands, :createdAt, :updatedAt)"),
                                        rule)
                                .then())
                .onErrorResume(UniqueViolations.as(
                        new ApiException(PlatformError.RULE_ID_TAKEN, "a rule '" + rule.ruleId() + "' exists already")))
                .thenReturn(rule);
    }

    /** Replaces the rule's definition; empty when there is no such rule. */
    Mono<AlertRule> update(AlertRule rule) {
        return scope.mono(
                        rule.tenant(),
                        () -> bindAll(
                                        db.sql("UPDATE rules SET name = :name, description = :description,"
                                                + " product_key = :product, device_keys = :devices, model_id = :model,"
                                                + " asset_tree_id = :assetTree, asset_node_id = :assetNode,"
                                                + " expression = :expression, trigger_kind = :triggerKind, trigger_spec = :triggerSpec,"
                                                + " delay_seconds = :delay, severity = :severity, message = :message,"
                                                + " enabled = :enabled, webhook_url = :webhookUrl, webhook_secret = :webhookSecret,"
                                                + " commands = :commands,"
                                                + " created_at = :createdAt, updated_at = :updatedAt"
                                                + " WHERE tenant_id = :tenant AND rule_id = :rule"),
                                        rule)
                                .fetch()
                                .rowsUpdated())
                .filter(updated -> updated > 0)
                .thenReturn(rule);
    }

    Mono<AlertRule> find(TenantId tenant, String ruleId) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM rules WHERE tenant_id = :tenant AND rule_id = :rule")
                        .bind("tenant", tenant.value())
                        .bind("rule", ruleId)
                        .map(row -> toRule(tenant, row))
                        .one());
    }

    /** Up to {@code limit} rules after the cursor's, by rule id, and the cursor of the next page. */
    Mono<RulePageOf> list(TenantId tenant, @Nullable ProductKey product, int limit, @Nullable String cursor) {
        String after = cursor == null ? "" : PageCursor.decode(cursor, 1, parts -> parts.get(0));
        return scope.mono(tenant, () -> {
                    DatabaseClient.GenericExecuteSpec query = db.sql("SELECT " + COLUMNS + " FROM rules"
                                    + " WHERE tenant_id = :tenant AND rule_id > :after"
                                    + (product == null ? "" : " AND product_key = :product")
                                    + " ORDER BY rule_id LIMIT :limit")
                            .bind("tenant", tenant.value())
                            .bind("after", after)
                            .bind("limit", limit + 1);
                    if (product != null) {
                        query = query.bind("product", product.value());
                    }
                    return query.map(row -> toRule(tenant, row)).all().collectList();
                })
                .map(rules -> rules.size() <= limit
                        ? new RulePageOf(rules, null)
                        : new RulePageOf(
                                rules.subList(0, limit),
                                PageCursor.encode(rules.get(limit - 1).ruleId())));
    }

    record RulePageOf(List<AlertRule> rules, @Nullable String nextCursor) {}

    /** The tenant's enabled rules that watch the product's devices (its own rules and its model's), for the engine. */
    Flux<AlertRule> enabledFor(TenantId tenant, ProductKey product, ModelId model) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM rules WHERE tenant_id = :tenant AND enabled"
                                + " AND (product_key = :product OR model_id = :model)")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("model", model.value())
                        .map(row -> toRule(tenant, row))
                        .all());
    }

    /** The product's devices bound to the subtree's nodes. */
    Mono<Set<DeviceKey>> subtreeDevices(TenantId tenant, RuleScope.AssetSubtree subtree, ProductKey product) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT n.device_key FROM asset_nodes root JOIN asset_nodes n"
                                + " ON n.tenant_id = root.tenant_id AND n.tree_id = root.tree_id"
                                + " AND n.path LIKE root.path || '%'"
                                + " WHERE root.tenant_id = :tenant AND root.tree_id = :tree AND root.node_id = :node"
                                + " AND n.device_product_key = :product")
                        .bind("tenant", tenant.value())
                        .bind("tree", subtree.treeId())
                        .bind("node", subtree.nodeId())
                        .bind("product", product.value())
                        .map(row -> DeviceKey.of(row.get("device_key", String.class)))
                        .all()
                        .collect(Collectors.toSet()));
    }

    /** The ids of the tenant's rules that watch these products or models, by id. */
    Flux<String> watching(TenantId tenant, List<ModelId> models, List<ProductKey> products) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT rule_id FROM rules WHERE tenant_id = :tenant"
                                + " AND (product_key = ANY (:products) OR model_id = ANY (:models)) ORDER BY rule_id")
                        .bind("tenant", tenant.value())
                        .bind(
                                "products",
                                products.stream().map(ProductKey::value).toArray(String[]::new))
                        .bind("models", models.stream().map(ModelId::value).toArray(String[]::new))
                        .map(row -> row.get("rule_id", String.class))
                        .all());
    }

    Mono<Boolean> delete(TenantId tenant, String ruleId) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM rules WHERE tenant_id = :tenant AND rule_id = :rule")
                        .bind("tenant", tenant.value())
                        .bind("rule", ruleId)
                        .fetch()
                        .rowsUpdated()
                        .map(deleted -> deleted > 0));
    }

    private DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec sql, AlertRule rule) {
        DatabaseClient.GenericExecuteSpec bound = sql.bind(
                        "tenant", rule.tenant().value())
                .bind("rule", rule.ruleId())
                .bind("name", rule.name())
                .bind("devices", scopedDevices(rule.scope()))
                .bind("triggerKind", rule.trigger().kind())
                .bind("commands", Json.of(json.writeValueAsString(rule.commands())))
                .bind("delay", (int) rule.delay().toSeconds())
                .bind("severity", rule.severity())
                .bind("message", rule.message())
                .bind("enabled", rule.enabled())
                .bind("createdAt", rule.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", rule.updatedAt().atOffset(ZoneOffset.UTC));
        bound = nullable(bound, "description", rule.description());
        bound = nullable(
                bound, "product", rule.product() == null ? null : rule.product().value());
        RuleScope.OfModel ofModel = rule.scope() instanceof RuleScope.OfModel model ? model : null;
        RuleScope.AssetSubtree subtree = ofModel == null ? null : ofModel.subtree();
        bound = nullable(
                bound, "model", ofModel == null ? null : ofModel.model().value());
        bound = nullable(bound, "assetTree", subtree == null ? null : subtree.treeId());
        bound = nullable(bound, "assetNode", subtree == null ? null : subtree.nodeId());
        bound = nullable(
                bound,
                "expression",
                rule.trigger() instanceof RuleTrigger.Expression expression ? expression.expression() : null);
        bound = rule.trigger() instanceof RuleTrigger.Expression
                ? bound.bindNull("triggerSpec", Json.class)
                : bound.bind("triggerSpec", Json.of(json.writeValueAsString(rule.trigger())));
        bound = nullable(
                bound,
                "webhookUrl",
                rule.webhook() == null ? null : rule.webhook().url());
        return nullable(
                bound,
                "webhookSecret",
                rule.webhook() == null
                        ? null
                        : secrets.seal(rule.tenant(), rule.webhook().secret()));
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec sql, String name, @Nullable String value) {
        return value == null ? sql.bindNull(name, String.class) : sql.bind(name, value);
    }

    private AlertRule toRule(TenantId tenant, Readable row) {
        String webhookUrl = row.get("webhook_url", String.class);
        return new AlertRule(
                tenant,
                row.get("rule_id", String.class),
                row.get("name", String.class),
                row.get("description", String.class),
                scope(row),
                trigger(row),
                Duration.ofSeconds(row.get("delay_seconds", Integer.class)),
                row.get("severity", String.class),
                row.get("message", String.class),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                webhookUrl == null
                        ? null
                        : new RuleWebhook(webhookUrl, secrets.open(tenant, row.get("webhook_secret", String.class))),
                json.readValue(row.get("commands", Json.class).asString(), COMMANDS),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private RuleTrigger trigger(Readable row) {
        String kind = row.get("trigger_kind", String.class);
        return "EXPRESSION".equals(kind)
                ? new RuleTrigger.Expression(row.get("expression", String.class))
                : json.readValue(row.get("trigger_spec", Json.class).asString(), TRIGGERS.get(kind));
    }

    private static String[] scopedDevices(RuleScope scope) {
        return scope instanceof RuleScope.OfProduct ofProduct
                ? ofProduct.devices().stream().map(DeviceKey::value).toArray(String[]::new)
                : new String[0];
    }

    private static RuleScope scope(Readable row) {
        String product = row.get("product_key", String.class);
        if (product != null) {
            String[] devices = row.get("device_keys", String[].class);
            return new RuleScope.OfProduct(
                    ProductKey.of(product),
                    devices == null
                            ? List.of()
                            : Arrays.stream(devices).map(DeviceKey::of).toList());
        }
        String tree = row.get("asset_tree_id", String.class);
        return new RuleScope.OfModel(
                ModelId.of(row.get("model_id", String.class)),
                tree == null ? null : new RuleScope.AssetSubtree(tree, row.get("asset_node_id", String.class)));
    }
}
