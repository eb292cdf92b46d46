package io.helio.platform.tenancy;

import io.helio.errors.RequestCorrelation;
import io.helio.platform.error.PlatformError;
import io.helio.platform.usage.UsageMeter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets a tenant's request through only if the tenant is not suspended (else 403 TENANT_SUSPENDED)
 * and within its API rate (else 429 RATE_LIMITED with Retry-After), and counts what it lets through.
 */
final class TenantGateFilter implements WebFilter {

    private final TenantStatuses statuses;
    private final RateLimits rateLimits;
    private final UsageMeter usage;
    private final ProblemSecurityResponses problems;

    TenantGateFilter(
            TenantStatuses statuses, RateLimits rateLimits, UsageMeter usage, ProblemSecurityResponses problems) {
        this.statuses = statuses;
        this.rateLimits = rateLimits;
        this.usage = usage;
        this.problems = problems;
    }

    /** Why a request is turned away; {@code retryAfter} is set for rate limits. */
    private record Refusal(PlatformError error, String detail, long retryAfterSeconds) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication() instanceof JwtAuthenticationToken jwt
                        ? jwt.getToken().getClaimAsString(CurrentTenant.TENANT_CLAIM)
                        : null)
                .filter(TenantId::isTenantId)
                .map(TenantId::of)
                .doOnNext(tenant -> exchange.getAttributes().put(RequestCorrelation.TENANT_ATTRIBUTE, tenant.value()))
                .flatMap(tenant -> statuses.state(tenant).map(state -> refusal(tenant, state)))
                .defaultIfEmpty(Optional.empty())
                .flatMap(refusal -> refusal.isEmpty() ? chain.filter(exchange) : refuse(exchange, refusal.get()));
    }

    private Optional<Refusal> refusal(TenantId tenant, TenantState state) {
        if (state.deleted()) {
            return Optional.of(new Refusal(PlatformError.TENANT_DELETED, "the tenant has been deleted", 0));
        }
        if (state.suspended()) {
            return Optional.of(new Refusal(PlatformError.TENANT_SUSPENDED, "the tenant is suspended", 0));
        }
        Duration wait = rateLimits.take(tenant, state.apiRequestsPerSecond(), 1);
        if (wait.isZero()) {
            usage.apiRequest(tenant);
            return Optional.empty();
        }
        return Optional.of(new Refusal(
                PlatformError.RATE_LIMITED,
                "the tenant's API rate of " + state.apiRequestsPerSecond() + " requests a second is exceeded",
                Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        if (refusal.retryAfterSeconds() > 0) {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        return problems.write(exchange.getResponse(), refusal.error(), refusal.detail());
    }
}
