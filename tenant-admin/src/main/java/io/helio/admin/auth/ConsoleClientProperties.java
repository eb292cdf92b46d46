package io.helio.admin.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public client people log in through (authorization code with PKCE, no secret): a console,
 * a CLI or any tool acting for a person. Loopback redirect URIs match on any port (RFC 8252).
 */
@ConfigurationProperties("helio.console")
public record ConsoleClientProperties(
        @DefaultValue("http://127.0.0.1/callback") List<String> redirectUris) {

    public static final String CLIENT_ID = "helio-console";
}
