package io.helio.admin.audit;

import io.helio.admin.api.AuditApi;
import io.helio.admin.api.model.AuditEventList;
import io.helio.admin.api.model.AuditRecordBatch;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditController implements AuditApi {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public ResponseEntity<AuditEventList> listAuditEvents(
            String tenantId, @Nullable String actor, @Nullable OffsetDateTime since, Integer limit) {
        return ResponseEntity.ok(new AuditEventList(
                audit.search(tenantId, actor, since == null ? null : since.toInstant(), limit).stream()
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
