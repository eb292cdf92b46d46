package io.helio.admin.tenant;

import io.helio.admin.api.TenantsApi;
import io.helio.admin.api.model.TenantCreate;
import io.helio.admin.api.model.TenantList;
import io.helio.admin.audit.AuditFilter;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TenantController implements TenantsApi {

    private final TenantService tenants;

    public TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.Tenant> createTenant(TenantCreate request) {
        Tenant created = tenants.create(request.getName());
        AuditFilter.concernsTenant(created.id().value());
        return ResponseEntity.status(HttpStatus.CREATED).body(toApi(created));
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.Tenant> getTenant(String tenantId) {
        return ResponseEntity.ok(toApi(tenants.get(TenantId.of(tenantId))));
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.Tenant> suspendTenant(String tenantId) {
        return ResponseEntity.ok(toApi(tenants.setStatus(TenantId.of(tenantId), TenantStatus.SUSPENDED)));
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.Tenant> resumeTenant(String tenantId) {
        return ResponseEntity.ok(toApi(tenants.setStatus(TenantId.of(tenantId), TenantStatus.ACTIVE)));
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.Tenant> setTenantQuotas(
            String tenantId, io.helio.admin.api.model.Quotas quotas) {
        return ResponseEntity.ok(toApi(tenants.setQuotas(
                TenantId.of(tenantId),
                new Quotas(
                        quotas.getDevices(),
                        quotas.getConnectedDevices(),
                        quotas.getMessagesPerSecond(),
                        quotas.getPointsPerSecond(),
                        quotas.getApiRequestsPerSecond(),
                        quotas.getRawRetentionDays()))));
    }

    @Override
    public ResponseEntity<Void> deleteTenant(String tenantId, String confirm) {
        tenants.delete(TenantId.of(tenantId), confirm);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<TenantList> listTenants() {
        return ResponseEntity.ok(new TenantList(
                tenants.list().stream().map(TenantController::toApi).toList()));
    }

    private static io.helio.admin.api.model.Tenant toApi(Tenant tenant) {
        return new io.helio.admin.api.model.Tenant(
                tenant.id().value(),
                tenant.name(),
                io.helio.admin.api.model.TenantStatus.fromValue(tenant.status().name()),
                new io.helio.admin.api.model.Quotas(
                        tenant.quotas().devices(),
                        tenant.quotas().connectedDevices(),
                        tenant.quotas().messagesPerSecond(),
                        tenant.quotas().pointsPerSecond(),
                        tenant.quotas().apiRequestsPerSecond(),
                        tenant.quotas().rawRetentionDays()),
                tenant.createdAt().atOffset(ZoneOffset.UTC));
    }
}
