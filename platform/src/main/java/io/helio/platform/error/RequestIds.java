package io.helio.platform.error;

import io.helio.errors.RequestCorrelation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Gives every request its id (see {@link RequestCorrelation}), before anything else can fail it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestCorrelation.idOf(
                exchange.getRequest().getHeaders().getFirst(RequestCorrelation.HEADER),
                exchange.getRequest().getId());
        exchange.getAttributes().put(RequestCorrelation.ID_ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(RequestCorrelation.HEADER, id);
        return chain.filter(exchange);
    }

    /** The correlation of a request this filter has seen, with its tenant once the tenant gate named it. */
    static RequestCorrelation of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(RequestCorrelation.ID_ATTRIBUTE);
        return new RequestCorrelation(
                id == null ? exchange.getRequest().getId() : id,
                exchange.getAttribute(RequestCorrelation.TENANT_ATTRIBUTE));
    }
}
