package io.helio.admin.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request without {@code scope} is granted every scope the client was given
 * (RFC 6749 §3.3 lets the server choose a default), so an application needs only its id and secret.
 * A request that names scopes gets exactly those, as usual.
 */
final class AllScopesByDefault implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter standard =
            new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = standard.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken token
                && token.getScopes().isEmpty()
                && token.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) {
            RegisteredClient registered = client.getRegisteredClient();
            if (registered != null) {
                return new OAuth2ClientCredentialsAuthenticationToken(
                        client, registered.getScopes(), token.getAdditionalParameters());
            }
        }
        return converted;
    }
}
