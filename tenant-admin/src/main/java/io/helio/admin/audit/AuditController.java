package io.helio.admin.audit;

import io.helio.admin.api.AuditApi;
import io.helio.admin.api.model.AuditEventList;
import io.helio.admin.api.model.AuditRecordBatch;
import io.helio.admin.tenant.TenantId;
import io.helio.admin.tenant.TenantService;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditController implements AuditApi {

    private final AuditLog audit;
    private final TenantService tenants;

    public AuditController(AuditLog audit, TenantService tenants) {
        this.audit = audit;
        this.tenants = tenants;
    }

    @Override
    public ResponseEntity<AuditEventList> listAuditEvents(
            String tenantId, @Nullable String actor, @Nullable OffsetDateTime since, Integer limit) {
        List<AuditEvent> events = audit.search(tenantId, actor, since == null ? null : since.toInstant(), limit);
        if (events.isEmpty()) {
            tenants.get(TenantId.of(tenantId)); // nothing logged and no such tenant: a mistyped id is 404
        }
        return ResponseEntity.ok(new AuditEventList(events.stream()
                .map(event -> new io.helio.admin.api.model.AuditEvent(
                        event.at().atOffset(ZoneOffset.UTC),
                        io.helio.admin.api.model.AuditEvent.ServiceEnum.fromValue(event.service()),
                        event.actor(),
                        event.action(),
                        event.target(),
                        event.status()))
                .toList()));
    }

    @Override
    public ResponseEntity<Void> recordAuditEvents(AuditRecordBatch batch) {
        audit.appendAll(batch.getItems().stream()
                .map(record -> new AuditEvent(
                        AuditEvent.PLATFORM,
                        record.getTenantId(),
                        record.getActor(),
                        record.getAction(),
                        record.getTarget(),
                        record.getStatus(),
                        record.getAt().toInstant()))
                .toList());
        return ResponseEntity.noContent().build();
    }
}
