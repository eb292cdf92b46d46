package io.helio.admin.application;

import io.helio.admin.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which tenant an OAuth2 client belongs to, with its name and creation time. */
public class ApplicationRepository {

    /** One row of the applications table: scopes live with the registered client. */
    public record Row(String clientId, TenantId tenant, String name, Instant createdAt) {}

    private final JdbcClient jdbc;

    public ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row) {
        jdbc.sql("INSERT INTO applications (client_id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)")
                .params(row.clientId(), row.tenant().value(), row.name(), Timestamp.from(row.createdAt()))
                .update();
    }

    public Optional<Row> find(TenantId tenant, String clientId) {
        return jdbc.sql("SELECT name, created_at FROM applications WHERE tenant_id = ? AND client_id = ?")
                .params(tenant.value(), clientId)
                .query((rs, n) -> new Row(
                        clientId,
                        tenant,
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** Removes the application with its OAuth2 client and the authorizations issued to it. */
    public void delete(String clientId, String registeredClientId) {
        jdbc.sql("DELETE FROM applications WHERE client_id = ?").param(clientId).update();
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ?")
                .param(registeredClientId)
                .update();
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = ?")
                .param(clientId)
                .update();
    }

    public List<Row> findByTenant(TenantId tenant) {
        return jdbc.sql("SELECT client_id, name, created_at FROM applications WHERE tenant_id = ?"
                        + " ORDER BY created_at, client_id")
                .param(tenant.value())
                .query((rs, n) -> new Row(
                        rs.getString("client_id"),
                        tenant,
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
