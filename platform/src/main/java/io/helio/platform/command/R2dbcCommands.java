package io.helio.platform.command;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command records in PostgreSQL, behind the tenant wall. A status moves on only from the one it is
 * expected to have (PENDING to SENT, SENT to an outcome), so a late reply, a timeout and the expiry
 * sweep never overwrite each other.
 */
class R2dbcCommands {

    private static final String COLUMNS = "tenant_id, command_id, product_key, device_key, kind, service_id, params,"
            + " mode, timeout_seconds, status, created_at, sent_at, completed_at, expires_at, reply_code,"
            + " reply_message, outputs";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TenantScope scope;
    private final JsonMapper json;

    R2dbcCommands(DatabaseClient db, TenantScope scope, JsonMapper json) {
        this.db = db;
        this.scope = scope;
        this.json = json;
    }

    Mono<CommandRecord> insert(CommandRecord command, int timeoutSeconds) {
        return scope.mono(
                command.tenant(),
                () -> nullable(
                                nullable(
                                        db.sql("INSERT INTO commands (" + COLUMNS + ") VALUES (:tenant, :command,"
                                                        + " :product, :device, :kind, :service, :params, :mode,"
                                                        + " :timeout, :status, :createdAt, :sentAt, NULL, :expiresAt,"
                                                        + " NULL, NULL, NULL) RETURNING " + COLUMNS)
                                                .bind("tenant", command.tenant().value())
                                                .bind("command", command.commandId())
                                                .bind(
                                                        "product",
                                                        command.product().value())
                                                .bind("device", command.device().value())
                                                .bind("kind", command.kind().name())
                                                .bind("params", Json.of(json.writeValueAsString(command.params())))
                                                .bind("mode", command.sync() ? "SYNC" : "ASYNC")
                                                .bind("timeout", timeoutSeconds)
                                                .bind("status", command.status().name())
                                                .bind("createdAt", utc(command.createdAt())),
                                        "service",
                                        command.serviceId(),
                                        String.class),
                                "sentAt",
                                utc(command.sentAt()),
                                OffsetDateTime.class)
                        .bind("expiresAt", utc(command.expiresAt()))
                        .map(this::toCommand)
                        .one());
    }

    Mono<CommandRecord> find(TenantId tenant, UUID commandId) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM commands WHERE tenant_id = :tenant AND command_id = :command")
                        .bind("tenant", tenant.value())
                        .bind("command", commandId)
                        .map(this::toCommand)
                        .one());
    }

    /** The device's PENDING commands that have not expired, oldest first. */
    Flux<CommandRecord> pending(ProductKey product, DeviceKey device, Instant now) {
        return scope.acrossTenants(() -> db.sql("SELECT " + COLUMNS + " FROM commands WHERE product_key = :product"
                                + " AND device_key = :device AND status = 'PENDING' AND expires_at > :now"
                                + " ORDER BY created_at")
                        .bind("now", utc(now))
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .map(this::toCommand)
                        .all()
                        .collectList())
                .flatMapMany(Flux::fromIterable);
    }

    /** The devices with PENDING commands that have not expired. */
    Flux<DeviceRef> devicesWithPending(Instant now) {
        return scope.acrossTenants(() -> db.sql("SELECT DISTINCT product_key, device_key FROM commands"
                                + " WHERE status = 'PENDING' AND expires_at > :now")
                        .bind("now", utc(now))
                        .map(row -> new DeviceRef(
                                ProductKey.of(row.get("product_key", String.class)),
                                DeviceKey.of(row.get("device_key", String.class))))
                        .all()
                        .collectList())
                .flatMapMany(Flux::fromIterable);
    }

    /**
     * Of these commands, the ones still PENDING and not expired, each marked SENT now (to time out
     * {@code timeout_seconds} later), oldest first: whoever claims one sends it.
     */
    Flux<CommandRecord> claim(List<UUID> commandIds, Instant now) {
        return scope.acrossTenants(() -> db.sql("UPDATE commands SET status = 'SENT', sent_at = :now,"
                                + " expires_at = :now + make_interval(secs => timeout_seconds)"
                                + " WHERE command_id = ANY(:commands) AND status = 'PENDING' AND expires_at > :now"
                                + " RETURNING " + COLUMNS)
                        .bind("now", utc(now))
                        .bind("commands", commandIds.toArray(UUID[]::new))
                        .map(this::toCommand)
                        .all()
                        .collectList())
                .flatMapMany(claimed -> Flux.fromIterable(claimed)
                        .sort((one, other) -> one.createdAt().compareTo(other.createdAt())));
    }

    /** Records the device's reply to a SENT command; empty when there is none (unknown, or already over). */
    Mono<CommandRecord> replied(
            ProductKey product,
            DeviceKey device,
            UUID commandId,
            CommandRecord.Status outcome,
            int code,
            @Nullable String message,
            @Nullable Map<String, Object> outputs,
            Instant at) {
        return scope.acrossTenants(() -> nullable(
                        nullable(
                                db.sql("UPDATE commands SET status = :status, completed_at = :at, reply_code = :code,"
                                                + " reply_message = :message, outputs = :outputs WHERE command_id ="
                                                + " :command AND product_key = :product AND device_key = :device"
                                                + " AND status = 'SENT' RETURNING " + COLUMNS)
                                        .bind("status", outcome.name())
                                        .bind("at", utc(at))
                                        .bind("code", code)
                                        .bind("command", commandId)
                                        .bind("product", product.value())
                                        .bind("device", device.value()),
                                "message",
                                message,
                                String.class),
                        "outputs",
                        outputs == null ? null : Json.of(json.writeValueAsString(outputs)),
                        Json.class)
                .map(this::toCommand)
                .one());
    }

    /**
     * A SYNC command whose reply did not come in time — SENT, or still PENDING when no node reached
     * its device; empty when it was answered meanwhile.
     */
    Mono<CommandRecord> timedOut(TenantId tenant, UUID commandId, Instant at) {
        return scope.mono(
                tenant,
                () -> db.sql("UPDATE commands SET status = 'TIMED_OUT', completed_at = :at WHERE tenant_id = :tenant"
                                + " AND command_id = :command AND status IN ('PENDING', 'SENT') RETURNING " + COLUMNS)
                        .bind("at", utc(at))
                        .bind("tenant", tenant.value())
                        .bind("command", commandId)
                        .map(this::toCommand)
                        .one());
    }

    /** Whether the device is connected to some node, directly or through its edge (its status is ONLINE). */
    Mono<Boolean> connectedSomewhere(ProductKey product, DeviceKey device) {
        return scope.acrossTenants(() -> db.sql(
                                "SELECT status FROM devices WHERE product_key = :product AND device_key = :device")
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .map(row -> "ONLINE".equals(row.get("status", String.class)))
                        .one())
                .defaultIfEmpty(false);
    }

    /** PENDING commands past their TTL expire, SENT ones past their timeout time out; how many changed. */
    Mono<Long> expire(Instant now) {
        return scope.acrossTenants(() -> db.sql("UPDATE commands SET completed_at = :now, status = CASE status"
                        + " WHEN 'PENDING' THEN 'EXPIRED' ELSE 'TIMED_OUT' END"
                        + " WHERE status IN ('PENDING', 'SENT') AND expires_at <= :now")
                .bind("now", utc(now))
                .fetch()
                .rowsUpdated());
    }

    private CommandRecord toCommand(Readable row) {
        Json outputs = row.get("outputs", Json.class);
        return new CommandRecord(
                TenantId.of(row.get("tenant_id", String.class)),
                row.get("command_id", UUID.class),
                ProductKey.of(row.get("product_key", String.class)),
                DeviceKey.of(row.get("device_key", String.class)),
                CommandRecord.Kind.valueOf(row.get("kind", String.class)),
                row.get("service_id", String.class),
                json.readTree(row.get("params", Json.class).asString()),
                "SYNC".equals(row.get("mode", String.class)),
                CommandRecord.Status.valueOf(row.get("status", String.class)),
                instant(row, "created_at"),
                instant(row, "sent_at"),
                instant(row, "completed_at"),
                instant(row, "expires_at"),
                row.get("reply_code", Integer.class),
                row.get("reply_message", String.class),
                outputs == null ? null : json.readValue(outputs.asString(), OBJECT));
    }

    private static @Nullable Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec sql, String name, @Nullable T value, Class<T> type) {
        return value == null ? sql.bindNull(name, type) : sql.bind(name, value);
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
