package io.helio.admin.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The platform's own client credentials (scope {@code tenants:read}), if the platform should read tenants' status. */
@ConfigurationProperties("helio.platform-client")
public record PlatformClientProperties(
        @Nullable String clientId, @Nullable String clientSecret) {

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && clientSecret.length() >= 16;
    }
}
