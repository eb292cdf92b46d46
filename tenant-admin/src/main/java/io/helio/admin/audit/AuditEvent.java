package io.helio.admin.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One write request and its answer; {@code tenantId} is null when it concerned no tenant. */
public record AuditEvent(
        @Nullable String tenantId, String actor, String action, String target, int status, Instant at) {}
