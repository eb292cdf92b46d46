package io.helio.platform.audit;

import io.helio.platform.tenancy.TenantId;
import io.helio.sdk.admin.model.AuditRecord;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records every write request of an authenticated application with its answer. It sits in the
 * security chain after authentication and before authorization, so refusals for want of a scope
 * (403) are recorded too; requests without a valid token have no actor and are not, nor are those
 * turned away by the tenant's rate limit (429), which would otherwise cost a stored event each.
 * The event is stored in the outbox before the answer is sent: a caller who saw an answer can find
 * its write in the audit log.
 */
public class AuditTrail implements WebFilter {

    private static final int ACTOR_LIMIT = 200;
    private static final int ACTION_LIMIT = 300;
    private static final int TARGET_LIMIT = 2000;
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuditOutbox outbox;
    private final Clock clock;

    public AuditTrail(AuditOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .doOnNext(application ->
                        exchange.getResponse().beforeCommit(() -> Mono.defer(() -> record(exchange, application))))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    private Mono<Void> record(ServerWebExchange exchange, JwtAuthenticationToken application) {
        String tenant = application.getToken().getClaimAsString("tenant");
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (tenant == null || !TenantId.isTenantId(tenant) || HttpStatus.TOO_MANY_REQUESTS.isSameCodeAs(status)) {
            return Mono.empty();
        }
        String path = exchange.getRequest().getPath().value();
        Object template = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return outbox.append(new AuditRecord()
                .tenantId(tenant)
                .actor(cut(application.getName(), ACTOR_LIMIT))
                .action(cut(
                        exchange.getRequest().getMethod().name() + " " + (template == null ? path : template),
                        ACTION_LIMIT))
                .target(cut(path, TARGET_LIMIT))
                .status(status == null ? HttpStatus.OK.value() : status.value())
                .at(clock.instant().atOffset(ZoneOffset.UTC)));
    }

    /** Within what tenant-admin takes, so one overlong path cannot block the events behind it. */
    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}
