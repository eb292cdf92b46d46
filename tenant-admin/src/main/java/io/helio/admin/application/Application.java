package io.helio.admin.application;

import io.helio.admin.tenant.TenantId;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An application of a tenant: an OAuth2 client whose tokens carry the tenant and these scopes,
 * until {@code expiresAt} if set.
 */
public record Application(
        String clientId,
        TenantId tenant,
        String name,
        Set<String> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt) {

    public Application {
        scopes = Set.copyOf(scopes);
    }
}
