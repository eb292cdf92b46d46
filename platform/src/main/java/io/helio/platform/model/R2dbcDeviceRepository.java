package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Devices in PostgreSQL, their secrets encrypted, their attributes and tags as jsonb. */
public class R2dbcDeviceRepository {

    /** Where a page of a device list starts: after this device. */
    public record Position(ProductKey product, DeviceKey device) {}

    /** What a device list is filtered by; null means no filter. */
    public record Filter(
            @Nullable ProductKey product,
            @Nullable DeviceStatus status,
            @Nullable String tagKey,
            @Nullable String tagValue,
            @Nullable String namePrefix) {}

    private static final String COLUMNS =
            "tenant_id, product_key, device_key, name, time_zone, attributes, tags, status, last_seen, created_at";
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TenantScope scope;
    private final SecretCipher cipher;
    private final JsonMapper json;

    public R2dbcDeviceRepository(DatabaseClient db, TenantScope scope, SecretCipher cipher, JsonMapper json) {
        this.db = db;
        this.scope = scope;
        this.cipher = cipher;
        this.json = json;
    }

    public Mono<Void> insert(Device device, String secret) {
        return scope.mono(
                device.tenant(),
                () -> db.sql("INSERT INTO devices (" + COLUMNS
                                + ", secret_ciphertext) VALUES (:tenant, :product, :device,"
                                + " :name, :timeZone, :attributes, :tags, :status, NULL, :createdAt, :secret)")
                        .bind("tenant", device.tenant().value())
                        .bind("product", device.product().value())
                        .bind("device", device.key().value())
                        .bind("name", device.name())
                        .bind("timeZone", device.timeZone().getId())
                        .bind("attributes", Json.of(json.writeValueAsString(device.attributes())))
                        .bind("tags", Json.of(json.writeValueAsString(device.tags())))
                        .bind("status", device.status().name())
                        .bind("createdAt", device.createdAt().atOffset(ZoneOffset.UTC))
                        .bind("secret", cipher.encrypt(secret, device.product(), device.key()))
                        .then());
    }

    /** Writes name, time zone, attributes and tags. */
    public Mono<Void> update(Device device) {
        return scope.mono(
                device.tenant(),
                () -> db.sql(
                                "UPDATE devices SET name = :name, time_zone = :timeZone, attributes = :attributes, tags = :tags"
                                        + " WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                        .bind("tenant", device.tenant().value())
                        .bind("product", device.product().value())
                        .bind("device", device.key().value())
                        .bind("name", device.name())
                        .bind("timeZone", device.timeZone().getId())
                        .bind("attributes", Json.of(json.writeValueAsString(device.attributes())))
                        .bind("tags", Json.of(json.writeValueAsString(device.tags())))
                        .then());
    }

    public Mono<Void> setStatus(TenantId tenant, ProductKey product, DeviceKey device, DeviceStatus status) {
        return scope.mono(
                tenant,
                () -> db.sql("UPDATE devices SET status = :status"
                                + " WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .bind("status", status.name())
                        .then());
    }

    /**
     * Records that a device connected or disconnected (status, last-seen, and an event in its
     * connection history). A disabled device stays disabled, and a record older than the device's
     * last one changes only the history: the two records of a quick reconnect may arrive in either
     * order. Keyed by product and device key alone: the device door knows no tenant. The device's
     * tenant, or empty if there is no such enabled device.
     */
    public Mono<TenantId> recordConnection(ProductKey product, DeviceKey device, boolean online, Instant at) {
        return scope.acrossTenants(() -> db.sql("WITH device AS (SELECT tenant_id, product_key, device_key FROM devices"
                        + " WHERE product_key = :product AND device_key = :device AND status <> 'DISABLED'),"
                        + " changed AS (UPDATE devices d SET status = :status, last_seen = :at FROM device"
                        + " WHERE d.tenant_id = device.tenant_id AND d.product_key = device.product_key"
                        + " AND d.device_key = device.device_key AND (d.last_seen IS NULL OR d.last_seen < :at))"
                        + " INSERT INTO device_connection_events (tenant_id, product_key, device_key, online, at)"
                        + " SELECT tenant_id, product_key, device_key, :online, :at FROM device RETURNING tenant_id")
                .bind("product", product.value())
                .bind("device", device.value())
                .bind("status", online ? DeviceStatus.ONLINE.name() : DeviceStatus.OFFLINE.name())
                .bind("online", online)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map(row -> TenantId.of(row.get("tenant_id", String.class)))
                .one());
    }

    /** The device's connection history, newest first. */
    public Flux<ConnectionEvent> connectionEvents(TenantId tenant, ProductKey product, DeviceKey device, int limit) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT online, at FROM device_connection_events WHERE tenant_id = :tenant"
                                + " AND product_key = :product AND device_key = :device ORDER BY at DESC, id DESC"
                                + " LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .bind("limit", limit)
                        .map(row -> new ConnectionEvent(
                                Boolean.TRUE.equals(row.get("online", Boolean.class)),
                                row.get("at", OffsetDateTime.class).toInstant()))
                        .all());
    }

    /** How many devices the tenant has, and how many of them are online. */
    public Mono<DeviceCounts> countByStatus(TenantId tenant) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT count(*) AS total, count(*) FILTER (WHERE status = 'ONLINE') AS online"
                                + " FROM devices WHERE tenant_id = :tenant")
                        .bind("tenant", tenant.value())
                        .map(row -> new DeviceCounts(row.get("total", Long.class), row.get("online", Long.class)))
                        .one());
    }

    /**
     * Marks a device that never connected as activated, atomically: true for the one caller that
     * found it INACTIVE, false for everyone after.
     */
    public Mono<Boolean> claimActivation(ProductKey product, DeviceKey device) {
        return scope.acrossTenants(() -> db.sql("UPDATE devices SET status = 'OFFLINE'"
                        + " WHERE product_key = :product AND device_key = :device AND status = 'INACTIVE'")
                .bind("product", product.value())
                .bind("device", device.value())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1));
    }

    public Mono<Void> replaceSecret(TenantId tenant, ProductKey product, DeviceKey device, String secret) {
        return scope.mono(
                tenant,
                () -> db.sql("UPDATE devices SET secret_ciphertext = :secret"
                                + " WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .bind("secret", cipher.encrypt(secret, product, device))
                        .then());
    }

    public Mono<Void> delete(TenantId tenant, ProductKey product, DeviceKey device) {
        return scope.mono(
                tenant,
                () -> db.sql(
                                "DELETE FROM devices WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("device", device.value())
                        .then());
    }

    public Mono<Device> find(TenantId tenant, ProductKey product, DeviceKey key) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM devices"
                                + " WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                        .bind("tenant", tenant.value())
                        .bind("product", product.value())
                        .bind("device", key.value())
                        .map(this::toDevice)
                        .one());
    }

    /** Devices ordered by product key and device key, after {@code after} when given. */
    public Flux<Device> list(TenantId tenant, Filter filter, @Nullable Position after, int limit) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM devices WHERE tenant_id = :tenant"
                                + " AND (CAST(:product AS text) IS NULL OR product_key = :product)"
                                + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                                + " AND (CAST(:tag AS jsonb) IS NULL OR tags @> CAST(:tag AS jsonb))"
                                + " AND (CAST(:prefix AS text) IS NULL OR starts_with(name, :prefix))"
                                + " AND (CAST(:afterProduct AS text) IS NULL OR (product_key, device_key) > (:afterProduct, :afterDevice))"
                                + " ORDER BY product_key, device_key LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind(
                                "product",
                                text(
                                        filter.product() == null
                                                ? null
                                                : filter.product().value()))
                        .bind(
                                "status",
                                text(
                                        filter.status() == null
                                                ? null
                                                : filter.status().name()))
                        .bind(
                                "tag",
                                text(
                                        filter.tagKey() == null
                                                ? null
                                                : json.writeValueAsString(Map.of(
                                                        filter.tagKey(),
                                                        filter.tagValue() == null ? "" : filter.tagValue()))))
                        .bind("prefix", text(filter.namePrefix()))
                        .bind(
                                "afterProduct",
                                text(after == null ? null : after.product().value()))
                        .bind(
                                "afterDevice",
                                text(after == null ? null : after.device().value()))
                        .bind("limit", limit)
                        .map(this::toDevice)
                        .all());
    }

    public Mono<Long> count(TenantId tenant) {
        return countByStatus(tenant).map(DeviceCounts::total);
    }

    /** For device authentication only: the device's tenant, status and secret, found by its keys. */
    public Mono<DeviceCredentials> findCredentials(ProductKey product, DeviceKey key) {
        return scope.acrossTenants(() -> db.sql("SELECT d.tenant_id, d.status, d.secret_ciphertext,"
                        + " p.certificate_required, ARRAY(SELECT c.fingerprint::text FROM device_certificates c"
                        + " WHERE c.tenant_id = d.tenant_id AND c.product_key = d.product_key"
                        + " AND c.device_key = d.device_key) AS certificates"
                        + " FROM devices d JOIN products p ON p.tenant_id = d.tenant_id AND p.product_key = d.product_key"
                        + " WHERE d.product_key = :product AND d.device_key = :device")
                .bind("product", product.value())
                .bind("device", key.value())
                .map(row -> new DeviceCredentials(
                        TenantId.of(row.get("tenant_id", String.class)),
                        product,
                        key,
                        DeviceStatus.valueOf(row.get("status", String.class)),
                        cipher.decrypt(row.get("secret_ciphertext", byte[].class), product, key),
                        Boolean.TRUE.equals(row.get("certificate_required", Boolean.class)),
                        Set.of(row.get("certificates", String[].class))))
                .one());
    }

    private Device toDevice(Readable row) {
        OffsetDateTime lastSeen = row.get("last_seen", OffsetDateTime.class);
        return new Device(
                TenantId.of(row.get("tenant_id", String.class)),
                ProductKey.of(row.get("product_key", String.class)),
                DeviceKey.of(row.get("device_key", String.class)),
                row.get("name", String.class),
                ZoneId.of(row.get("time_zone", String.class)),
                json.readValue(row.get("attributes", Json.class).asString(), ATTRIBUTES),
                json.readValue(row.get("tags", Json.class).asString(), TAGS),
                DeviceStatus.valueOf(row.get("status", String.class)),
                lastSeen == null ? null : lastSeen.toInstant(),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static Object text(@Nullable String value) {
        return Parameters.in(R2dbcType.VARCHAR, value);
    }
}
