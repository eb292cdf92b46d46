package io.helio.platform.model;

import io.helio.platform.tenancy.TenantDataPurge;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes a deleted tenant's rules and alerts, asset trees, topology, devices, products and thing
 * models, in one transaction.
 */
public class R2dbcTenantDataPurge implements TenantDataPurge {

    /** Dependants before what they depend on. */
    private static final List<String> TABLES = List.of(
            "commands",
            "edge_sequences",
            "webhook_deliveries",
            "alerts",
            "rules",
            "device_data_arrivals",
            "device_http_sessions",
            "device_connection_events",
            "device_certificates",
            "asset_nodes",
            "asset_trees",
            "sub_devices",
            "devices",
            "products",
            "thing_models");

    private final DatabaseClient db;
    private final TenantScope scope;
    private final DirectoryChangeSignal changes;

    public R2dbcTenantDataPurge(DatabaseClient db, TenantScope scope, DirectoryChangeSignal changes) {
        this.db = db;
        this.scope = scope;
        this.changes = changes;
    }

    @Override
    public Mono<Void> purge(TenantId tenant) {
        return scope.mono(
                        tenant,
                        () -> Flux.fromIterable(TABLES)
                                .concatMap(table -> db.sql("DELETE FROM " + table + " WHERE tenant_id = :tenant")
                                        .bind("tenant", tenant.value())
                                        .then())
                                .then())
                .then(changes.announce("tenant " + tenant));
    }
}
