package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.PageCursor;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts in PostgreSQL, behind the tenant wall. An alert "holds" from when it opens until its
 * condition clears ({@code recovered_at} set), closed by a user or not; at most one holds per rule
 * and device (a unique index), which is what keeps a condition that stays true from raising a storm.
 */
class R2dbcAlertRepository {

    private static final String COLUMNS = "alert_id, rule_id, product_key, device_key, severity, state, message,"
            + " alert_values, opened_at, recovered_at, acknowledged_by, acknowledged_at, closed_by, closed_at";
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TenantScope scope;
    private final JsonMapper json;
    private final WebhookSecrets secrets;

    R2dbcAlertRepository(DatabaseClient db, TenantScope scope, JsonMapper json, WebhookSecrets secrets) {
        this.db = db;
        this.scope = scope;
        this.json = json;
        this.secrets = secrets;
    }

    /**
     * Opens the alert unless one holds already for its rule and device (then empty); with a webhook,
     * its delivery is written by the same statement.
     */
    Mono<AlertRecord> open(TenantId tenant, AlertRecord alert, boolean endsOnClose, @Nullable RuleWebhook webhook) {
        String insert = "INSERT INTO alerts (tenant_id, alert_id, rule_id, product_key, device_key, severity, state,"
                + " message, alert_values, opened_at, ends_on_close) VALUES (:tenant, :alert, :rule, :product,"
                + " :device, :severity, 'ACTIVE', :message, :values, :openedAt, :endsOnClose) ON CONFLICT (tenant_id, rule_id, product_key, device_key)"
                + " WHERE recovered_at IS NULL DO NOTHING";
        return scope.mono(tenant, () -> {
            DatabaseClient.GenericExecuteSpec sql = db.sql(changing(insert, webhook, "alert.opened"))
                    .bind("tenant", tenant.value())
                    .bind("alert", alert.alertId())
                    .bind("rule", alert.ruleId())
                    .bind("product", alert.product().value())
                    .bind("device", alert.device().value())
                    .bind("severity", alert.severity())
                    .bind("message", alert.message())
                    .bind("values", Json.of(json.writeValueAsString(alert.values())))
                    .bind("openedAt", alert.openedAt().atOffset(ZoneOffset.UTC))
                    .bind("endsOnClose", endsOnClose);
            return bindDelivery(sql, tenant, webhook, alert.openedAt())
                    .map(this::toAlert)
                    .one();
        });
    }

    /**
     * The holding alert of the rule and device recovers (an active one becomes RECOVERED, a closed one
     * stays closed) and is answered; with a webhook, its delivery is written by the same statement.
     */
    Mono<AlertRecord> recover(
            TenantId tenant,
            String ruleId,
            ProductKey product,
            DeviceKey device,
            Instant at,
            @Nullable RuleWebhook webhook) {
        String update = "UPDATE alerts SET recovered_at = :at,"
                + " state = CASE WHEN state = 'ACTIVE' THEN 'RECOVERED' ELSE state END"
                + " WHERE tenant_id = :tenant AND rule_id = :rule AND product_key = :product"
                + " AND device_key = :device AND recovered_at IS NULL";
        return scope.mono(tenant, () -> {
            DatabaseClient.GenericExecuteSpec sql = db.sql(changing(update, webhook, "alert.recovered"))
                    .bind("at", at.atOffset(ZoneOffset.UTC))
                    .bind("tenant", tenant.value())
                    .bind("rule", ruleId)
                    .bind("product", product.value())
                    .bind("device", device.value());
            return bindDelivery(sql, tenant, webhook, at).map(this::toAlert).one();
        });
    }

    /**
     * The change, answering the changed alert (if any); with a webhook, a delivery of it is written
     * by the same statement.
     */
    private static String changing(String change, @Nullable RuleWebhook webhook, String event) {
        String changed = "WITH changed AS (" + change + " RETURNING " + COLUMNS + ", tenant_id)";
        return webhook == null
                ? changed + " SELECT " + COLUMNS + " FROM changed"
                : changed + ", delivered AS (" + deliveryInsert(event) + ") SELECT " + COLUMNS + " FROM changed";
    }

    private static String deliveryInsert(String event) {
        return "INSERT INTO webhook_deliveries (tenant_id, delivery_id, alert_id, event, url, secret, payload,"
                + " status, attempts, next_attempt_at, created_at)"
                + " SELECT tenant_id, :delivery, alert_id, '" + event + "', :url, :secret,"
                + " jsonb_build_object('event', '" + event + "', 'alert', jsonb_build_object('alertId', alert_id,"
                + " 'ruleId', rule_id, 'productKey', product_key, 'deviceKey', device_key, 'severity', severity,"
                + " 'state', state, 'message', message, 'values', alert_values, 'openedAt', opened_at,"
                + " 'recoveredAt', recovered_at)), 'PENDING', 0, :due, :due FROM changed";
    }

    private DatabaseClient.GenericExecuteSpec bindDelivery(
            DatabaseClient.GenericExecuteSpec sql, TenantId tenant, @Nullable RuleWebhook webhook, Instant due) {
        return webhook == null
                ? sql
                : sql.bind("delivery", UUID.randomUUID())
                        .bind("url", webhook.url())
                        .bind("secret", secrets.seal(tenant, webhook.secret()))
                        .bind("due", due.atOffset(ZoneOffset.UTC));
    }

    /** Whether an alert of the rule and device holds (its condition was true when last evaluated). */
    Mono<Boolean> holds(TenantId tenant, String ruleId, ProductKey product, DeviceKey device) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT EXISTS (SELECT 1 FROM alerts WHERE tenant_id = :tenant AND rule_id = :rule"
                                + " AND product_key = :product AND device_key = :device AND recovered_at IS NULL)"
                                + " AS holds")
                        .bind("tenant", tenant.value())
                        .bind("rule", ruleId)
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .map(row -> Boolean.TRUE.equals(row.get("holds", Boolean.class)))
                        .one());
    }

    Mono<AlertRecord> find(TenantId tenant, UUID alertId) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM alerts WHERE tenant_id = :tenant AND alert_id = :alert")
                        .bind("tenant", tenant.value())
                        .bind("alert", alertId)
                        .map(this::toAlert)
                        .one());
    }

    /** Records who acknowledged it, the first time only; empty when there is no such alert. */
    Mono<Marked> acknowledge(TenantId tenant, UUID alertId, String who, Instant at) {
        return mark(
                tenant, alertId, "acknowledged_by = :who, acknowledged_at = :at", "acknowledged_at IS NULL", who, at);
    }

    /**
     * Closes it, recording who, the first time only; empty when there is no such alert. An alert that
     * ends on close (an event's) stops holding then, so the next event raises a new one.
     */
    Mono<Marked> close(TenantId tenant, UUID alertId, String who, Instant at) {
        return mark(
                tenant,
                alertId,
                "state = 'CLOSED', closed_by = :who, closed_at = :at,"
                        + " recovered_at = CASE WHEN ends_on_close THEN COALESCE(recovered_at, :at) ELSE recovered_at END",
                "closed_at IS NULL",
                who,
                at);
    }

    /** The alert after a mark, and whether this call made it (not an earlier one). */
    record Marked(AlertRecord alert, boolean changed) {}

    private Mono<Marked> mark(TenantId tenant, UUID alertId, String assignments, String once, String who, Instant at) {
        return scope.mono(
                tenant,
                () -> db.sql("UPDATE alerts SET " + assignments + " WHERE tenant_id = :tenant AND alert_id = :alert"
                                + " AND " + once)
                        .bind("who", who)
                        .bind("at", at.atOffset(ZoneOffset.UTC))
                        .bind("tenant", tenant.value())
                        .bind("alert", alertId)
                        .fetch()
                        .rowsUpdated()
                        .flatMap(marked -> db.sql("SELECT " + COLUMNS + " FROM alerts WHERE tenant_id = :tenant"
                                        + " AND alert_id = :alert")
                                .bind("tenant", tenant.value())
                                .bind("alert", alertId)
                                .map(row -> new Marked(toAlert(row), marked > 0))
                                .one()));
    }

    /** Newest first, up to {@code limit} after the cursor's alert, and the cursor of the next page. */
    Mono<AlertPageOf> search(TenantId tenant, AlertSearch search, int limit, @Nullable String cursor) {
        List<String> conditions = new ArrayList<>(List.of("tenant_id = :tenant"));
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("tenant", tenant.value());
        condition(conditions, binds, "rule_id = :rule", "rule", search.ruleId());
        condition(conditions, binds, "product_key = :product", "product", search.productKey());
        condition(conditions, binds, "device_key = :device", "device", search.deviceKey());
        condition(conditions, binds, "severity = :severity", "severity", search.severity());
        condition(conditions, binds, "state = :state", "state", search.state());
        if (search.subtree() != null) {
            conditions.add(SubtreeSql.containsDevice(
                    "alerts.tenant_id", ":tree", ":node", "alerts.product_key", "alerts.device_key"));
            binds.put("tree", search.subtree().treeId());
            binds.put("node", search.subtree().nodeId());
        }
        condition(conditions, binds, "opened_at >= :after", "after", utc(search.openedAfter()));
        condition(conditions, binds, "opened_at < :before", "before", utc(search.openedBefore()));
        if (cursor != null) {
            PageCursor.decode(cursor, 2, parts -> {
                binds.put("cursorAt", OffsetDateTime.parse(parts.get(0)));
                binds.put("cursorId", UUID.fromString(parts.get(1)));
                return parts;
            });
            conditions.add("(opened_at, alert_id) < (:cursorAt, :cursorId)");
        }
        binds.put("limit", limit + 1);
        String sql = "SELECT " + COLUMNS + " FROM alerts WHERE " + String.join(" AND ", conditions)
                + " ORDER BY opened_at DESC, alert_id DESC LIMIT :limit";
        return scope.mono(tenant, () -> {
                    DatabaseClient.GenericExecuteSpec query = db.sql(sql);
                    for (Map.Entry<String, Object> bind : binds.entrySet()) {
                        query = query.bind(bind.getKey(), bind.getValue());
                    }
                    return query.map(this::toAlert).all().collectList();
                })
                .map(alerts -> {
                    if (alerts.size() <= limit) {
                        return new AlertPageOf(alerts, null);
                    }
                    AlertRecord last = alerts.get(limit - 1);
                    return new AlertPageOf(
                            alerts.subList(0, limit),
                            PageCursor.encode(
                                    last.openedAt().atOffset(ZoneOffset.UTC).toString(),
                                    last.alertId().toString()));
                });
    }

    record AlertPageOf(List<AlertRecord> alerts, @Nullable String nextCursor) {}

    private static void condition(
            List<String> conditions, Map<String, Object> binds, String sql, String name, @Nullable Object value) {
        if (value != null) {
            conditions.add(sql);
            binds.put(name, value);
        }
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }

    private AlertRecord toAlert(Readable row) {
        return new AlertRecord(
                row.get("alert_id", UUID.class),
                row.get("rule_id", String.class),
                ProductKey.of(row.get("product_key", String.class)),
                DeviceKey.of(row.get("device_key", String.class)),
                row.get("severity", String.class),
                row.get("state", String.class),
                row.get("message", String.class),
                json.readValue(row.get("alert_values", Json.class).asString(), VALUES),
                row.get("opened_at", OffsetDateTime.class).toInstant(),
                instant(row.get("recovered_at", OffsetDateTime.class)),
                row.get("acknowledged_by", String.class),
                instant(row.get("acknowledged_at", OffsetDateTime.class)),
                row.get("closed_by", String.class),
                instant(row.get("closed_at", OffsetDateTime.class)));
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
