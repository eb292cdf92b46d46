package io.helio.admin.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants in PostgreSQL. */
public class TenantRepository {

    private static final String COLUMNS = "tenant_id, name, status, created_at, max_devices, max_connected_devices,"
            + " messages_per_second, points_per_second, api_requests_per_second, raw_retention_days";

    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tenant tenant) {
        Quotas quotas = tenant.quotas();
        jdbc.sql("INSERT INTO tenants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        tenant.id().value(),
                        tenant.name(),
                        tenant.status().name(),
                        Timestamp.from(tenant.createdAt()),
                        quotas.devices(),
                        quotas.connectedDevices(),
                        quotas.messagesPerSecond(),
                        quotas.pointsPerSecond(),
                        quotas.apiRequestsPerSecond(),
                        quotas.rawRetentionDays())
                .update();
    }

    public void updateQuotas(TenantId id, Quotas quotas) {
        jdbc.sql(
                        "UPDATE tenants SET max_devices = ?, max_connected_devices = ?, messages_per_second = ?, points_per_second = ?,"
                                + " api_requests_per_second = ?, raw_retention_days = ? WHERE tenant_id = ?")
                .params(
                        quotas.devices(),
                        quotas.connectedDevices(),
                        quotas.messagesPerSecond(),
                        quotas.pointsPerSecond(),
                        quotas.apiRequestsPerSecond(),
                        quotas.rawRetentionDays(),
                        id.value())
                .update();
    }

    public void updateStatus(TenantId id, TenantStatus status) {
        jdbc.sql("UPDATE tenants SET status = ? WHERE tenant_id = ?")
                .params(status.name(), id.value())
                .update();
    }

    /** Removes the tenant with its applications, their OAuth2 clients and authorizations. */
    public void delete(TenantId id) {
        jdbc.sql(
                        "DELETE FROM oauth2_authorization WHERE registered_client_id IN (SELECT r.id FROM"
                                + " oauth2_registered_client r JOIN applications a ON a.client_id = r.client_id WHERE a.tenant_id = ?)")
                .param(id.value())
                .update();
        jdbc.sql("WITH gone AS (DELETE FROM applications WHERE tenant_id = ? RETURNING client_id)"
                        + " DELETE FROM oauth2_registered_client WHERE client_id IN (SELECT client_id FROM gone)")
                .param(id.value())
                .update();
        jdbc.sql("DELETE FROM tenants WHERE tenant_id = ?").param(id.value()).update();
    }

    public Optional<Tenant> find(TenantId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE tenant_id = ?")
                .param(id.value())
                .query(TenantRepository::map)
                .optional();
    }

    public List<Tenant> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants ORDER BY created_at, tenant_id")
                .query(TenantRepository::map)
                .list();
    }

    private static Tenant map(ResultSet row, int rowNumber) throws SQLException {
        return new Tenant(
                TenantId.of(row.getString("tenant_id")),
                row.getString("name"),
                TenantStatus.valueOf(row.getString("status")),
                new Quotas(
                        row.getInt("max_devices"),
                        row.getInt("max_connected_devices"),
                        row.getInt("messages_per_second"),
                        row.getInt("points_per_second"),
                        row.getInt("api_requests_per_second"),
                        row.getInt("raw_retention_days")),
                row.getTimestamp("created_at").toInstant());
    }
}
