package io.helio.platform.edge;

import io.helio.platform.model.DeviceRef;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Each edge's highest stored sequence number, behind the tenant wall. */
class R2dbcEdgeSequences {

    private final DatabaseClient db;
    private final TenantScope scope;

    R2dbcEdgeSequences(DatabaseClient db, TenantScope scope) {
        this.db = db;
        this.scope = scope;
    }

    /** The highest stored sequence number of the edge; 0 before its first. */
    Mono<Long> last(TenantId tenant, DeviceRef gateway) {
        return scope.mono(
                        tenant,
                        () -> db.sql("SELECT last_seq FROM edge_sequences WHERE tenant_id = :tenant"
                                        + " AND product_key = :product AND device_key = :device")
                                .bind("tenant", tenant.value())
                                .bind("product", gateway.product().value())
                                .bind("device", gateway.device().value())
                                .map(row -> row.get("last_seq", Long.class))
                                .one())
                .defaultIfEmpty(0L);
    }

    Mono<Void> stored(TenantId tenant, DeviceRef gateway, long seq) {
        return scope.mono(
                tenant,
                () -> db.sql("INSERT INTO edge_sequences (tenant_id, product_key, device_key, last_seq)"
                                + " VALUES (:tenant, :product, :device, :seq) ON CONFLICT (tenant_id, product_key,"
                                + " device_key) DO UPDATE SET last_seq = GREATEST(edge_sequences.last_seq,"
                                + " EXCLUDED.last_seq)")
                        .bind("tenant", tenant.value())
                        .bind("product", gateway.product().value())
                        .bind("device", gateway.device().value())
                        .bind("seq", seq)
                        .then());
    }
}
