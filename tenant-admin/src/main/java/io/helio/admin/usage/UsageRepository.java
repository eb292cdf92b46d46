package io.helio.admin.usage;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The latest usage of each tenant. */
public class UsageRepository {

    /**
     * A report replaces an older one only; a report for a tenant that is gone is dropped (its rows
     * went with it), so one deleted tenant cannot make a whole report fail.
     */
    private static final String UPSERT = "INSERT INTO tenant_usage (tenant_id, measured_at, devices, online_devices,"
            + " messages_per_second, points_per_second, api_requests_per_second)"
            + " SELECT t.tenant_id, ?, ?, ?, ?, ?, ? FROM tenants t WHERE t.tenant_id = ?"
            + " ON CONFLICT (tenant_id) DO UPDATE SET measured_at = EXCLUDED.measured_at,"
            + " devices = EXCLUDED.devices, online_devices = EXCLUDED.online_devices,"
            + " messages_per_second = EXCLUDED.messages_per_second, points_per_second = EXCLUDED.points_per_second,"
            + " api_requests_per_second = EXCLUDED.api_requests_per_second"
            + " WHERE tenant_usage.measured_at <= EXCLUDED.measured_at";

    private final JdbcClient jdbc;
    private final JdbcOperations batches;

    public UsageRepository(JdbcClient jdbc, JdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    public void recordAll(List<Usage> reports) {
        batches.batchUpdate(
                UPSERT,
                reports.stream()
                        .map(usage -> new Object[] {
                            Timestamp.from(usage.measuredAt()),
                            usage.devices(),
                            usage.onlineDevices(),
                            usage.messagesPerSecond(),
                            usage.pointsPerSecond(),
                            usage.apiRequestsPerSecond(),
                            usage.tenantId()
                        })
                        .toList());
    }

    public Optional<Usage> find(String tenantId) {
        return jdbc.sql("SELECT measured_at, devices, online_devices, messages_per_second, points_per_second,"
                        + " api_requests_per_second FROM tenant_usage WHERE tenant_id = ?")
                .param(tenantId)
                .query((rs, n) -> new Usage(
                        tenantId,
                        rs.getTimestamp("measured_at").toInstant(),
                        rs.getInt("devices"),
                        rs.getInt("online_devices"),
                        rs.getDouble("messages_per_second"),
                        rs.getDouble("points_per_second"),
                        rs.getDouble("api_requests_per_second")))
                .optional();
    }
}
