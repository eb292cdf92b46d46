package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rules on silence (no data, offline), judged from PostgreSQL every few seconds: it opens the alert
 * of a device that has been silent longer than its rule allows and recovers it once the device posts
 * or connects again. The database decides, so every node may run it: an alert opens or recovers once.
 */
class SilenceWatch {

    private static final int BATCH = 1_000;
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(1);
    private static final String SILENT_LONGER_THAN_ALLOWED =
            " make_interval(mins => (r.trigger_spec->>'minutes')::int)";

    /** Rows {@code r} of rules, {@code d} of devices and {@code p} of their products. */
    private static final String RULE_WATCHES_DEVICE = "((r.product_key = d.product_key AND (cardinality(r.device_keys)"
            + " = 0 OR d.device_key = ANY (r.device_keys))) OR (r.model_id = p.model_id AND (r.asset_tree_id IS NULL"
            + " OR "
            + SubtreeSql.containsDevice(
                    "r.tenant_id", "r.asset_tree_id", "r.asset_node_id", "d.product_key", "d.device_key")
            + ")))";

    private record Silent(
            String ruleId, DeviceRef device, @Nullable Instant since) {}

    private final DatabaseClient db;
    private final TenantScope scope;
    private final R2dbcRuleRepository rules;
    private final RuleActions actions;
    private final Clock clock;

    SilenceWatch(DatabaseClient db, TenantScope scope, R2dbcRuleRepository rules, RuleActions actions, Clock clock) {
        this.db = db;
        this.scope = scope;
        this.rules = rules;
        this.actions = actions;
        this.clock = clock;
    }

    /** One pass over every tenant that has rules on silence; blocks until it is done. */
    void check() {
        scope.acrossTenants(() -> db.sql("SELECT DISTINCT tenant_id FROM rules WHERE enabled"
                                + " AND trigger_kind IN ('NO_DATA', 'OFFLINE')")
                        .map(row -> TenantId.of(row.get("tenant_id", String.class)))
                        .all()
                        .collectList())
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::check)
                .then()
                .block(PASS_TIMEOUT);
    }

    private Mono<Void> check(TenantId tenant) {
        Instant now = clock.instant();
        // each list is read whole before alerts change, so no connection is held across them
        return overdue(tenant, now)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(silent -> rules.find(tenant, silent.ruleId())
                        .flatMap(rule -> actions.open(
                                rule,
                                silent.device(),
                                silent.since() == null
                                        ? Map.of()
                                        : Map.of("silentSince", silent.since().toString()))))
                .thenMany(ended(tenant)
                        .collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(silent -> rules.find(tenant, silent.ruleId())
                                .flatMap(rule -> actions.recover(rule, silent.device()))))
                .then();
    }

    /** Devices silent longer than a rule allows, whose alert is not open yet. */
    private Flux<Silent> overdue(TenantId tenant, Instant now) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT r.rule_id, d.product_key, d.device_key, CASE r.trigger_kind WHEN 'OFFLINE'"
                                + " THEN d.last_seen ELSE GREATEST(x.last_at, r.updated_at, d.created_at) END AS since"
                                + " FROM rules r JOIN devices d ON d.tenant_id = r.tenant_id"
                                + " JOIN products p ON p.tenant_id = d.tenant_id AND p.product_key = d.product_key"
                                + " LEFT JOIN device_data_arrivals x ON x.tenant_id = d.tenant_id"
                                + " AND x.product_key = d.product_key AND x.device_key = d.device_key"
                                + " WHERE r.tenant_id = :tenant AND r.enabled AND d.status <> 'DISABLED' AND "
                                + RULE_WATCHES_DEVICE + " AND ("
                                + "(r.trigger_kind = 'OFFLINE' AND d.status = 'OFFLINE' AND d.last_seen <= :now -"
                                + SILENT_LONGER_THAN_ALLOWED
                                + ") OR (r.trigger_kind = 'NO_DATA' AND GREATEST(x.last_at, r.updated_at,"
                                + " d.created_at) <= :now -" + SILENT_LONGER_THAN_ALLOWED + "))"
                                + " AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.tenant_id = r.tenant_id"
                                + " AND a.rule_id = r.rule_id AND a.product_key = d.product_key"
                                + " AND a.device_key = d.device_key AND a.recovered_at IS NULL)"
                                + " ORDER BY r.rule_id, d.product_key, d.device_key LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .bind("limit", BATCH)
                        .map(row -> {
                            OffsetDateTime since = row.get("since", OffsetDateTime.class);
                            return new Silent(
                                    row.get("rule_id", String.class),
                                    device(row),
                                    since == null ? null : since.toInstant());
                        })
                        .all());
    }

    /** Holding alerts of rules on silence whose device has posted or connected since. */
    private Flux<Silent> ended(TenantId tenant) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT a.rule_id, a.product_key, a.device_key FROM alerts a"
                                + " JOIN rules r ON r.tenant_id = a.tenant_id AND r.rule_id = a.rule_id"
                                + " JOIN devices d ON d.tenant_id = a.tenant_id AND d.product_key = a.product_key"
                                + " AND d.device_key = a.device_key"
                                + " LEFT JOIN device_data_arrivals x ON x.tenant_id = a.tenant_id"
                                + " AND x.product_key = a.product_key AND x.device_key = a.device_key"
                                + " WHERE a.tenant_id = :tenant AND a.recovered_at IS NULL AND ("
                                + "(r.trigger_kind = 'OFFLINE' AND d.status = 'ONLINE')"
                                + " OR (r.trigger_kind = 'NO_DATA' AND x.last_at > a.opened_at))"
                                + " LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind("limit", BATCH)
                        .map(row -> new Silent(row.get("rule_id", String.class), device(row), null))
                        .all());
    }

    private static DeviceRef device(Readable row) {
        return new DeviceRef(
                ProductKey.of(row.get("product_key", String.class)), DeviceKey.of(row.get("device_key", String.class)));
    }
}
