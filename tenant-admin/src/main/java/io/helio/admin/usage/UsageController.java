package io.helio.admin.usage;

import io.helio.admin.api.UsageApi;
import io.helio.admin.api.model.TenantUsage;
import io.helio.admin.api.model.UsageFigure;
import io.helio.admin.api.model.UsageReportBatch;
import io.helio.admin.tenant.Quotas;
import io.helio.admin.tenant.Tenant;
import io.helio.admin.tenant.TenantId;
import io.helio.admin.tenant.TenantService;
import java.time.ZoneOffset;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UsageController implements UsageApi {

    private final TenantService tenants;
    private final UsageRepository usage;

    public UsageController(TenantService tenants, UsageRepository usage) {
        this.tenants = tenants;
        this.usage = usage;
    }

    @Override
    public ResponseEntity<TenantUsage> getTenantUsage(String tenantId) {
        Tenant tenant = tenants.get(TenantId.of(tenantId));
        Quotas quotas = tenant.quotas();
        return ResponseEntity.ok(usage.find(tenantId)
                .map(used -> new TenantUsage(
                                tenantId,
                                new UsageFigure((double) used.devices(), quotas.devices()),
                                used.onlineDevices(),
                                new UsageFigure(used.messagesPerSecond(), quotas.messagesPerSecond()),
                                new UsageFigure(used.pointsPerSecond(), quotas.pointsPerSecond()),
                                new UsageFigure(used.apiRequestsPerSecond(), quotas.apiRequestsPerSecond()))
                        .measuredAt(used.measuredAt().atOffset(ZoneOffset.UTC)))
                .orElseGet(() -> new TenantUsage(
                        tenantId,
                        new UsageFigure(0.0, quotas.devices()),
                        0,
                        new UsageFigure(0.0, quotas.messagesPerSecond()),
                        new UsageFigure(0.0, quotas.pointsPerSecond()),
                        new UsageFigure(0.0, quotas.apiRequestsPerSecond()))));
    }

    @Override
    public ResponseEntity<Void> recordUsage(UsageReportBatch batch) {
        usage.recordAll(batch.getItems().stream()
                .map(report -> new Usage(
                        report.getTenantId(),
                        report.getMeasuredAt().toInstant(),
                        report.getDevices(),
                        report.getOnlineDevices(),
                        report.getMessagesPerSecond(),
                        report.getPointsPerSecond(),
                        report.getApiRequestsPerSecond()))
                .toList());
        return ResponseEntity.noContent().build();
    }
}
