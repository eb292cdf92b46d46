package io.helio.platform.tenancy;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** The tenant of the current request: the {@code tenant} claim of its validated token, and nothing else. */
public final class CurrentTenant {

    public static final String TENANT_CLAIM = "tenant";

    private CurrentTenant() {}

    public static Mono<TenantId> get() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication() instanceof JwtAuthenticationToken jwt
                        ? jwt.getToken().getClaimAsString(TENANT_CLAIM)
                        : null)
                .filter(TenantId::isTenantId)
                .map(TenantId::of)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.TENANT_REQUIRED, "the access token carries no tenant")));
    }
}
