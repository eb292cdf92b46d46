package io.helio.admin.application;

import io.helio.admin.tenant.TenantId;
import java.time.Instant;
import java.util.Set;

/** An application of a tenant: an OAuth2 client whose tokens carry the tenant and these scopes. */
public record Application(String clientId, TenantId tenant, String name, Set<String> scopes, Instant createdAt) {

    public Application {
        scopes = Set.copyOf(scopes);
    }
}
