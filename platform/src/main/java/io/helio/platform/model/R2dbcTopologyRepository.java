package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which devices are sub-devices of which gateway. */
public class R2dbcTopologyRepository {

    private final DatabaseClient db;
    private final TenantScope scope;

    public R2dbcTopologyRepository(DatabaseClient db, TenantScope scope) {
        this.db = db;
        this.scope = scope;
    }

    public Mono<Void> add(TenantId tenant, DeviceRef gateway, DeviceRef subDevice, Instant at) {
        return scope.mono(
                tenant,
                () -> db.sql("INSERT INTO sub_devices (tenant_id, gateway_product_key,"
                                + " gateway_device_key, product_key, device_key, created_at)"
                                + " VALUES (:tenant, :gatewayProduct, :gatewayDevice, :product, :device, :at)")
                        .bind("tenant", tenant.value())
                        .bind("gatewayProduct", gateway.product().value())
                        .bind("gatewayDevice", gateway.device().value())
                        .bind("product", subDevice.product().value())
                        .bind("device", subDevice.device().value())
                        .bind("at", at.atOffset(ZoneOffset.UTC))
                        .then());
    }

    /** True if the device was a sub-device of this gateway. */
    public Mono<Boolean> remove(TenantId tenant, DeviceRef gateway, DeviceRef subDevice) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM sub_devices WHERE tenant_id = :tenant"
                                + " AND gateway_product_key = :gatewayProduct AND gateway_device_key = :gatewayDevice"
                                + " AND product_key = :product AND device_key = :device")
                        .bind("tenant", tenant.value())
                        .bind("gatewayProduct", gateway.product().value())
                        .bind("gatewayDevice", gateway.device().value())
                        .bind("product", subDevice.product().value())
                        .bind("device", subDevice.device().value())
                        .fetch()
                        .rowsUpdated()
                        .map(rows -> rows == 1));
    }

    public Flux<DeviceRef> subDevices(TenantId tenant, DeviceRef gateway) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT product_key, device_key FROM sub_devices WHERE tenant_id = :tenant"
                                + " AND gateway_product_key = :gatewayProduct AND gateway_device_key = :gatewayDevice"
                                + " ORDER BY product_key, device_key")
                        .bind("tenant", tenant.value())
                        .bind("gatewayProduct", gateway.product().value())
                        .bind("gatewayDevice", gateway.device().value())
                        .map(row -> new DeviceRef(
                                ProductKey.of(row.get("product_key", String.class)),
                                DeviceKey.of(row.get("device_key", String.class))))
                        .all());
    }
}
