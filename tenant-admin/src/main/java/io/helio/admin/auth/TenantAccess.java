package io.helio.admin.auth;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may act on the tenant named in the path ({@code {tenantId}}): a caller with one of the
 * scopes that reach every tenant (the operator), or a caller with one of the tenant scopes whose
 * token belongs to that very tenant. Anyone else is refused, whatever its scopes.
 */
final class TenantAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final Set<String> anyTenant;
    private final Set<String> ownTenant;

    private TenantAccess(Set<String> anyTenant, Set<String> ownTenant) {
        this.anyTenant = anyTenant;
        this.ownTenant = ownTenant;
    }

    /** Callers with {@code anyTenantScopes} reach every tenant; with {@code ownTenantScopes} their own. */
    static TenantAccess of(List<String> anyTenantScopes, List<String> ownTenantScopes) {
        return new TenantAccess(authorities(anyTenantScopes), authorities(ownTenantScopes));
    }

    @Override
    public AuthorizationDecision authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) {
        Authentication caller = authentication.get();
        if (holdsAny(caller, anyTenant)) {
            return new AuthorizationDecision(true);
        }
        String tenant = request.getVariables().get("tenantId");
        boolean ownTenant = caller instanceof JwtAuthenticationToken token
                && tenant != null
                && tenant.equals(token.getToken().getClaimAsString(TenantClaims.TENANT_CLAIM));
        return new AuthorizationDecision(ownTenant && holdsAny(caller, this.ownTenant));
    }

    private static boolean holdsAny(Authentication caller, Set<String> authorities) {
        return caller != null
                && caller.isAuthenticated()
                && caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(authorities::contains);
    }

    private static Set<String> authorities(List<String> scopes) {
        return Set.copyOf(scopes.stream().map(scope -> "SCOPE_" + scope).toList());
    }
}
