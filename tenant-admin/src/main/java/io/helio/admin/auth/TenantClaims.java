package io.helio.admin.auth;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the tenant of the client into its access tokens ({@code tenant} claim), names the services
 * the token is for ({@code aud}) and the signing key. The operator's client has no tenant and so gets no such claim.
 */
public class TenantClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The client setting that holds an application's tenant id. */
    public static final String TENANT_SETTING = "helio.tenant";

    public static final String TENANT_CLAIM = "tenant";

    private final String keyId;
    private final List<String> audiences;

    public TenantClaims(String keyId, List<String> audiences) {
        this.keyId = keyId;
        this.audiences = List.copyOf(audiences);
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
        context.getClaims().audience(audiences);
        String tenant = tenantOf(context.getRegisteredClient());
        if (tenant != null) {
            context.getClaims().claim(TENANT_CLAIM, tenant);
        }
    }
}
