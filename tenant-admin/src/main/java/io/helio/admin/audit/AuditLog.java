package io.helio.admin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit events in PostgreSQL. */
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_events (service, tenant_id, actor, action, target,"
            + " status, at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final TransactionTemplate transactions;

    public AuditLog(JdbcClient jdbc, JdbcOperations batches, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
    }

    public void append(AuditEvent event) {
        appendAll(List.of(event));
    }

    /**
     * One JDBC batch in one transaction: a shipment is recorded whole or not at all, so the sender
     * can ship it again without leaving duplicates.
     */
    public void appendAll(List<AuditEvent> events) {
        List<Object[]> rows = events.stream()
                .map(event -> new Object[] {
                    event.service(),
                    event.tenantId(),
                    event.actor(),
                    event.action(),
                    event.target(),
                    event.status(),
                    Timestamp.from(event.at())
                })
                .toList();
        transactions.executeWithoutResult(status -> batches.batchUpdate(INSERT, rows));
    }

    /** The tenant's events, newest first, optionally of one actor and since a time. */
    public List<AuditEvent> search(String tenantId, @Nullable String actor, @Nullable Instant since, int limit) {
        return jdbc.sql("SELECT service, tenant_id, actor, action, target, status, at FROM audit_events"
                        + " WHERE tenant_id = :tenant"
                        + " AND (CAST(:actor AS text) IS NULL OR actor = :actor)"
                        + " AND (CAST(:since AS timestamptz) IS NULL OR at >= :since)"
                        + " ORDER BY at DESC, id DESC LIMIT :limit")
                .param("tenant", tenantId)
                .param("actor", actor)
                .param("since", since == null ? null : Timestamp.from(since))
                .param("limit", limit)
                .query((row, number) -> new AuditEvent(
                        row.getString("service"),
                        row.getString("tenant_id"),
                        row.getString("actor"),
                        row.getString("action"),
                        row.getString("target"),
                        row.getInt("status"),
                        row.getTimestamp("at").toInstant()))
                .list();
    }
}
