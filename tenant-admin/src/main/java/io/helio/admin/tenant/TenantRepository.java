package io.helio.admin.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants in PostgreSQL. */
public class TenantRepository {

    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tenant tenant) {
        jdbc.sql("INSERT INTO tenants (tenant_id, name, status, created_at) VALUES (?, ?, ?, ?)")
                .params(tenant.id().value(), tenant.name(), tenant.status().name(), Timestamp.from(tenant.createdAt()))
                .update();
    }

    public void updateStatus(TenantId id, TenantStatus status) {
        jdbc.sql("UPDATE tenants SET status = ? WHERE tenant_id = ?")
                .params(status.name(), id.value())
                .update();
    }

    public Optional<Tenant> find(TenantId id) {
        return jdbc.sql("SELECT tenant_id, name, status, created_at FROM tenants WHERE tenant_id = ?")
                .param(id.value())
                .query(TenantRepository::map)
                .optional();
    }

    public List<Tenant> findAll() {
        return jdbc.sql("SELECT tenant_id, name, status, created_at FROM tenants ORDER BY created_at, tenant_id")
                .query(TenantRepository::map)
                .list();
    }

    private static Tenant map(ResultSet row, int rowNumber) throws SQLException {
        return new Tenant(
                TenantId.of(row.getString("tenant_id")),
                row.getString("name"),
                TenantStatus.valueOf(row.getString("status")),
                row.getTimestamp("created_at").toInstant());
    }
}
