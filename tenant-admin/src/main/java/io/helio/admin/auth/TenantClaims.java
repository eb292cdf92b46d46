package io.helio.admin.auth;

import io.helio.admin.user.User;
import io.helio.admin.user.UserRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the tenant into access tokens ({@code tenant} claim), names the services the token is for
 * ({@code aud}) and the signing key. An application's tenant is its client's; a person's is the
 * user's, and a person's scopes are those of the user's role (of those asked for, if any were).
 * The operator has no tenant and so gets no such claim.
 */
public class TenantClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The client setting that holds an application's tenant id. */
    public static final String TENANT_SETTING = "helio.tenant";

    public static final String TENANT_CLAIM = "tenant";

    private final String keyId;
    private final List<String> audiences;
    private final UserRepository users;

    public TenantClaims(String keyId, List<String> audiences, UserRepository users) {
        this.keyId = keyId;
        this.audiences = List.copyOf(audiences);
        this.users = users;
    }

    public static @Nullable String tenantOf(RegisteredClient client) {
        return client.getClientSettings().getSetting(TENANT_SETTING);
    }

    public static ClientSettings settingsFor(String tenantId) {
        return ClientSettings.builder().setting(TENANT_SETTING, tenantId).build();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keyId);
        // mutable JDK collections: the authorization service stores the claims as JSON and reads them
        // back (a code's second use, a revocation) only through an allow-list of types
        context.getClaims().audience(new ArrayList<>(audiences));
        if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
            forPerson(context);
            return;
        }
        String tenant = tenantOf(context.getRegisteredClient());
        if (tenant != null) {
            context.getClaims().claim(TENANT_CLAIM, tenant);
        }
    }

    /** The user is read again here, so a role changed or a user deleted since the login counts. */
    private void forPerson(JwtEncodingContext context) {
        String username = context.getPrincipal().getName();
        User user = users.find(username)
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
        Set<String> scopes = new LinkedHashSet<>(user.role().scopes());
        if (!context.getAuthorizedScopes().isEmpty()) {
            scopes.retainAll(context.getAuthorizedScopes());
        }
        context.getClaims().claim("scope", new ArrayList<>(scopes));
        if (user.tenant() != null) {
            context.getClaims().claim(TENANT_CLAIM, user.tenant().value());
        }
    }
}
