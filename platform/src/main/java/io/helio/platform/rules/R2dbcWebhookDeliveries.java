package io.helio.platform.rules;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Webhook deliveries in PostgreSQL: claimed by one dispatcher at a time, their outcomes recorded. */
class R2dbcWebhookDeliveries {

    /** A due delivery, claimed: what to send where. */
    record Claimed(
            TenantId tenant, UUID deliveryId, String event, String url, String secret, String payload, int attempts) {}

    private static final String COLUMNS = "delivery_id, alert_id, event, url, status, attempts, last_status_code,"
            + " last_error, last_attempt_at, next_attempt_at, delivered_at";

    private final DatabaseClient db;
    private final TenantScope scope;
    private final WebhookSecrets secrets;

    R2dbcWebhookDeliveries(DatabaseClient db, TenantScope scope, WebhookSecrets secrets) {
        this.db = db;
        this.scope = scope;
        this.secrets = secrets;
    }

    /**
     * Claims up to {@code limit} due deliveries of every tenant by moving their next attempt past
     * {@code lease}: another node skips them, and if this one dies they come due again.
     */
    Mono<List<Claimed>> claimDue(Instant now, Instant lease, int limit) {
        return scope.acrossTenants(() -> db.sql("UPDATE webhook_deliveries SET next_attempt_at = :lease"
                        + " WHERE (tenant_id, delivery_id) IN (SELECT tenant_id, delivery_id"
                        + " FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING tenant_id, delivery_id, event, url, secret, payload, attempts")
                .bind("lease", lease.atOffset(ZoneOffset.UTC))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("limit", limit)
                .map(row -> {
                    TenantId tenant = TenantId.of(row.get("tenant_id", String.class));
                    return new Claimed(
                            tenant,
                            row.get("delivery_id", UUID.class),
                            row.get("event", String.class),
                            row.get("url", String.class),
                            secrets.open(tenant, row.get("secret", String.class)),
                            row.get("payload", Json.class).asString(),
                            row.get("attempts", Integer.class));
                })
                .all()
                .collectList());
    }

    /** Records an attempt: delivered, to be tried again at {@code next}, or dead (when {@code next} is null). */
    Mono<Void> attempted(
            Claimed delivery,
            boolean delivered,
            @Nullable Integer statusCode,
            @Nullable String error,
            Instant at,
            @Nullable Instant next) {
        String status = delivered ? "DELIVERED" : next == null ? "DEAD" : "PENDING";
        return scope.mono(delivery.tenant(), () -> {
            DatabaseClient.GenericExecuteSpec sql = db.sql("UPDATE webhook_deliveries SET status = :status,"
                            + " attempts = attempts + 1, last_status_code = :code, last_error = :error,"
                            + " last_attempt_at = :at, next_attempt_at = :next, delivered_at = :deliveredAt"
                            + " WHERE tenant_id = :tenant AND delivery_id = :delivery")
                    .bind("status", status)
                    .bind("at", at.atOffset(ZoneOffset.UTC))
                    .bind("next", (next == null ? at : next).atOffset(ZoneOffset.UTC))
                    .bind("tenant", delivery.tenant().value())
                    .bind("delivery", delivery.deliveryId());
            sql = statusCode == null ? sql.bindNull("code", Integer.class) : sql.bind("code", statusCode);
            sql = error == null ? sql.bindNull("error", String.class) : sql.bind("error", cut(error));
            sql = delivered
                    ? sql.bind("deliveredAt", at.atOffset(ZoneOffset.UTC))
                    : sql.bindNull("deliveredAt", OffsetDateTime.class);
            return sql.then();
        });
    }

    Mono<List<WebhookDelivery>> ofAlert(TenantId tenant, UUID alertId) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE tenant_id = :tenant"
                                + " AND alert_id = :alert ORDER BY created_at, delivery_id")
                        .bind("tenant", tenant.value())
                        .bind("alert", alertId)
                        .map(R2dbcWebhookDeliveries::toDelivery)
                        .all()
                        .collectList());
    }

    private static String cut(String error) {
        return error.length() <= 1024 ? error : error.substring(0, 1024);
    }

    private static WebhookDelivery toDelivery(Readable row) {
        return new WebhookDelivery(
                row.get("delivery_id", UUID.class),
                row.get("alert_id", UUID.class),
                row.get("event", String.class),
                row.get("url", String.class),
                row.get("status", String.class),
                row.get("attempts", Integer.class),
                row.get("last_status_code", Integer.class),
                row.get("last_error", String.class),
                instant(row.get("last_attempt_at", OffsetDateTime.class)),
                row.get("next_attempt_at", OffsetDateTime.class).toInstant(),
                instant(row.get("delivered_at", OffsetDateTime.class)));
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
