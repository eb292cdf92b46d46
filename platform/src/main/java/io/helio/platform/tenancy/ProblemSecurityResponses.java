package io.helio.platform.tenancy;

import io.helio.errors.CommonError;
import io.helio.errors.ErrorCode;
import io.helio.errors.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security layer as problem details, with the standard bearer challenge. */
final class ProblemSecurityResponses {

    private final JsonMapper json;

    ProblemSecurityResponses(JsonMapper json) {
        this.json = json;
    }

    ServerAuthenticationEntryPoint entryPoint() {
        return (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return write(exchange.getResponse(), CommonError.UNAUTHORIZED, "a valid bearer token is required");
        };
    }

    ServerAccessDeniedHandler accessDenied() {
        return (exchange, denied) -> {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
            return write(
                    exchange.getResponse(), CommonError.FORBIDDEN, "the token's scopes do not allow this operation");
        };
    }

    Mono<Void> write(ServerHttpResponse response, ErrorCode error, String detail) {
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(Problems.of(error, detail));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
