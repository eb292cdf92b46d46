package io.helio.platform.model.certificate;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Devices' registered certificates in PostgreSQL (table {@code device_certificates}). */
class R2dbcDeviceCertificateRepository {

    private final DatabaseClient db;
    private final TenantScope scope;

    R2dbcDeviceCertificateRepository(DatabaseClient db, TenantScope scope) {
        this.db = db;
        this.scope = scope;
    }

    Mono<Void> insert(TenantId tenant, DeviceCertificate certificate) {
        return scope.mono(
                tenant,
                () -> db.sql("INSERT INTO device_certificates (tenant_id, product_key, device_key, fingerprint,"
                                + " subject, issuer, not_before, not_after, registered_at) VALUES (:tenant, :product,"
                                + " :device, :fingerprint, :subject, :issuer, :notBefore, :notAfter, :registeredAt)")
                        .bind("tenant", tenant.value())
                        .bind("product", certificate.device().product().value())
                        .bind("device", certificate.device().device().value())
                        .bind("fingerprint", certificate.fingerprint())
                        .bind("subject", certificate.subject())
                        .bind("issuer", certificate.issuer())
                        .bind("notBefore", certificate.notBefore().atOffset(ZoneOffset.UTC))
                        .bind("notAfter", certificate.notAfter().atOffset(ZoneOffset.UTC))
                        .bind("registeredAt", certificate.registeredAt().atOffset(ZoneOffset.UTC))
                        .then());
    }

    /** Oldest registration first. */
    Flux<DeviceCertificate> list(TenantId tenant, DeviceRef device) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT * FROM device_certificates WHERE tenant_id = :tenant AND product_key = :product"
                                + " AND device_key = :device ORDER BY registered_at, fingerprint")
                        .bind("tenant", tenant.value())
                        .bind("product", device.product().value())
                        .bind("device", device.device().value())
                        .map(R2dbcDeviceCertificateRepository::toCertificate)
                        .all());
    }

    /** True when there was such a certificate. */
    Mono<Boolean> delete(TenantId tenant, DeviceRef device, String fingerprint) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM device_certificates WHERE tenant_id = :tenant AND product_key = :product"
                                + " AND device_key = :device AND fingerprint = :fingerprint")
                        .bind("tenant", tenant.value())
                        .bind("product", device.product().value())
                        .bind("device", device.device().value())
                        .bind("fingerprint", fingerprint)
                        .fetch()
                        .rowsUpdated()
                        .map(deleted -> deleted > 0));
    }

    private static DeviceCertificate toCertificate(Readable row) {
        return new DeviceCertificate(
                new DeviceRef(
                        ProductKey.of(row.get("product_key", String.class)),
                        DeviceKey.of(row.get("device_key", String.class))),
                row.get("fingerprint", String.class),
                row.get("subject", String.class),
                row.get("issuer", String.class),
                row.get("not_before", OffsetDateTime.class).toInstant(),
                row.get("not_after", OffsetDateTime.class).toInstant(),
                row.get("registered_at", OffsetDateTime.class).toInstant());
    }
}
