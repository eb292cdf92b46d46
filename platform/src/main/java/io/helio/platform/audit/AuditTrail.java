package io.helio.platform.audit;

import io.helio.sdk.admin.model.AuditRecord;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records every write request of an authenticated application with its answer. It sits in the
 * security chain after authentication and before authorization, so refusals (403, 429) are recorded
 * too; requests without a valid token have no actor and are not.
 */
public class AuditTrail implements WebFilter {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuditShipper shipper;
    private final Clock clock;

    public AuditTrail(AuditShipper shipper, Clock clock) {
        this.shipper = shipper;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> chain.filter(exchange)
                        .doFinally(signal -> caller.ifPresent(application -> record(exchange, application))));
    }

    private void record(ServerWebExchange exchange, JwtAuthenticationToken application) {
        String tenant = application.getToken().getClaimAsString("tenant");
        if (tenant == null) {
            return;
        }
        String path = exchange.getRequest().getPath().value();
        Object template = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        shipper.offer(new AuditRecord()
                .tenantId(tenant)
                .actor(application.getName())
                .action(exchange.getRequest().getMethod().name() + " " + (template == null ? path : template))
                .target(path)
                .status(status == null ? 500 : status.value())
                .at(clock.instant().atOffset(ZoneOffset.UTC)));
    }
}
