package io.helio.platform.tenancy;

import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs database work in a transaction that names its tenant to PostgreSQL, whose row-level security
 * then shows and accepts only that tenant's rows. Work that names no tenant sees nothing.
 */
public final class TenantScope {

    private static final String ANY_TENANT = "*";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    public TenantScope(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    public <T> Mono<T> mono(TenantId tenant, Supplier<Mono<T>> work) {
        return transactions.transactional(as(tenant.value()).then(Mono.defer(work)));
    }

    public <T> Flux<T> flux(TenantId tenant, Supplier<Flux<T>> work) {
        return transactions.transactional(as(tenant.value()).thenMany(Flux.defer(work)));
    }

    /**
     * For the device door, which finds a device's tenant from the keys the device names, and for the
     * audit shipper, which ships every tenant's events: their work may see every tenant's rows.
     */
    public <T> Mono<T> acrossTenants(Supplier<Mono<T>> work) {
        return transactions.transactional(as(ANY_TENANT).then(Mono.defer(work)));
    }

    private Mono<Void> as(String tenant) {
        return db.sql("SELECT set_config('helio.tenant', :tenant, true)")
                .bind("tenant", tenant)
                .then();
    }
}
