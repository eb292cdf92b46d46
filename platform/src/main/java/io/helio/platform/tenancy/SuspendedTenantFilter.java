package io.helio.platform.tenancy;

import io.helio.platform.error.PlatformError;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses every request made with the token of a suspended tenant (403 TENANT_SUSPENDED). */
final class SuspendedTenantFilter implements WebFilter {

    private final TenantStatuses statuses;
    private final ProblemSecurityResponses problems;

    SuspendedTenantFilter(TenantStatuses statuses, ProblemSecurityResponses problems) {
        this.statuses = statuses;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication() instanceof JwtAuthenticationToken jwt
                        ? jwt.getToken().getClaimAsString(CurrentTenant.TENANT_CLAIM)
                        : null)
                .filter(TenantId::isTenantId)
                .map(TenantId::of)
                .flatMap(statuses::isSuspended)
                .defaultIfEmpty(false)
                .flatMap(suspended -> suspended
                        ? problems.write(
                                exchange.getResponse(), PlatformError.TENANT_SUSPENDED, "the tenant is suspended")
                        : chain.filter(exchange));
    }
}
