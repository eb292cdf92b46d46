package io.helio.platform.audit;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.helio.sdk.admin.model.AuditRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Audit events on disk until tenant-admin has taken them, oldest first. */
public class AuditOutbox {

    private record Pending(long id, AuditRecord record) {}

    private final DatabaseClient db;
    private final TenantScope scope;

    public AuditOutbox(DatabaseClient db, TenantScope scope) {
        this.db = db;
        this.scope = scope;
    }

    public Mono<Void> append(AuditRecord event) {
        return scope.mono(
                TenantId.of(event.getTenantId()),
                () -> db.sql("INSERT INTO audit_outbox (tenant_id, actor, action, target, status, at)"
                                + " VALUES (:tenant, :actor, :action, :target, :status, :at)")
                        .bind("tenant", event.getTenantId())
                        .bind("actor", event.getActor())
                        .bind("action", event.getAction())
                        .bind("target", event.getTarget())
                        .bind("status", event.getStatus())
                        .bind("at", event.getAt())
                        .then());
    }

    /**
     * Hands the oldest {@code limit} events to {@code ship} and removes them once it has completed,
     * all in one transaction whose rows other replicas skip: events are removed only when shipped,
     * and never shipped twice at once. The number of events shipped; 0 when none were waiting.
     */
    public Mono<Integer> shipOldest(int limit, Function<List<AuditRecord>, Mono<Void>> ship) {
        return scope.acrossTenants(() -> db.sql("SELECT id, tenant_id, actor, action, target, status, at"
                        + " FROM audit_outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("limit", limit)
                .map(row -> new Pending(
                        row.get("id", Long.class),
                        new AuditRecord()
                                .tenantId(row.get("tenant_id", String.class))
                                .actor(row.get("actor", String.class))
                                .action(row.get("action", String.class))
                                .target(row.get("target", String.class))
                                .status(row.get("status", Integer.class))
                                .at(row.get("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))))
                .all()
                .collectList()
                .flatMap(batch -> batch.isEmpty()
                        ? Mono.just(0)
                        : ship.apply(batch.stream().map(Pending::record).toList())
                                .then(db.sql("DELETE FROM audit_outbox WHERE id = ANY(:ids)")
                                        .bind(
                                                "ids",
                                                batch.stream().map(Pending::id).toArray(Long[]::new))
                                        .then())
                                .thenReturn(batch.size())));
    }
}
