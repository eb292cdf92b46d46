package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Devices in PostgreSQL, their secrets encrypted. */
public class R2dbcDeviceRepository {

    private final DatabaseClient db;
    private final DeviceSecretCipher cipher;

    public R2dbcDeviceRepository(DatabaseClient db, DeviceSecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public Mono<Void> insert(Device device, String secret) {
        return db.sql("INSERT INTO devices (tenant_id, product_key, device_key, name, secret_ciphertext, created_at)"
                        + " VALUES (:tenant, :product, :device, :name, :secret, :createdAt)")
                .bind("tenant", device.tenant().value())
                .bind("product", device.product().value())
                .bind("device", device.key().value())
                .bind("name", device.name())
                .bind("secret", cipher.encrypt(secret, device.product(), device.key()))
                .bind("createdAt", device.createdAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    public Mono<Device> find(TenantId tenant, ProductKey product, DeviceKey key) {
        return db.sql("SELECT name, created_at FROM devices"
                        + " WHERE tenant_id = :tenant AND product_key = :product AND device_key = :device")
                .bind("tenant", tenant.value())
                .bind("product", product.value())
                .bind("device", key.value())
                .map(row -> toDevice(tenant, product, key, row))
                .one();
    }

    /** For device authentication only: the device's tenant and secret, found by its keys. */
    public Mono<DeviceCredentials> findCredentials(ProductKey product, DeviceKey key) {
        return db.sql(
                        "SELECT tenant_id, secret_ciphertext FROM devices WHERE product_key = :product AND device_key = :device")
                .bind("product", product.value())
                .bind("device", key.value())
                .map(row -> new DeviceCredentials(
                        TenantId.of(row.get("tenant_id", String.class)),
                        product,
                        key,
                        cipher.decrypt(row.get("secret_ciphertext", byte[].class), product, key)))
                .one();
    }

    private static Device toDevice(TenantId tenant, ProductKey product, DeviceKey key, Readable row) {
        return new Device(
                tenant,
                product,
                key,
                row.get("name", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
