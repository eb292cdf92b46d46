package io.helio.admin.auth;

import io.helio.errors.CommonError;
import io.helio.errors.ErrorCode;
import io.helio.errors.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 of the resource server as problem details, keeping the standard {@code WWW-Authenticate}
 * header that the bearer-token handlers set.
 */
final class ProblemAuthenticationResponses {

    private final JsonMapper json;

    ProblemAuthenticationResponses(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            write(response, CommonError.UNAUTHORIZED, "a valid bearer token is required");
        };
    }

    AccessDeniedHandler accessDenied() {
        var bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            bearer.handle(request, response, denied);
            write(response, CommonError.FORBIDDEN, "the token's scopes do not allow this operation");
        };
    }

    private void write(HttpServletResponse response, ErrorCode error, String detail) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(error, detail));
    }
}
