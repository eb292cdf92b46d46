package io.helio.admin.user;

import io.helio.admin.api.model.Scope;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a user may do; a user's tokens carry exactly the scopes of the role. */
public enum Role {
    /** Runs Helio: tenants and their quotas. Belongs to no tenant. */
    OPERATOR(Set.of("operator")),
    /** Everything within the tenant: applications, users, audit log, and all of the platform. */
    TENANT_ADMIN(with(platformScopes(), "tenant:admin", "tenant:read")),
    /** Builds on the platform: models, devices, data, control, rules; reads the tenant. */
    DEVELOPER(with(platformScopes(), "tenant:read")),
    /** Reads only. */
    VIEWER(Set.of("model:read", "data:read", "tenant:read"));

    private final Set<String> scopes;

    Role(Set<String> scopes) {
        this.scopes = Set.copyOf(scopes);
    }

    public Set<String> scopes() {
        return scopes;
    }

    /** Every scope any role may hold: what the console client may ask for. */
    public static Set<String> allScopes() {
        Set<String> all = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(role -> all.addAll(role.scopes));
        return all;
    }

    private static Set<String> platformScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        Arrays.stream(Scope.values()).forEach(scope -> scopes.add(scope.getValue()));
        return scopes;
    }

    private static Set<String> with(Set<String> scopes, String... more) {
        Set<String> all = new LinkedHashSet<>(scopes);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
