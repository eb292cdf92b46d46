package io.helio.admin.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One write request to {@code service} ("admin" or "platform") and its answer; {@code tenantId} is
 * null when it concerned no tenant.
 */
public record AuditEvent(
        String service, @Nullable String tenantId, String actor, String action, String target, int status, Instant at) {

    public static final String ADMIN = "admin";
    public static final String PLATFORM = "platform";
}
