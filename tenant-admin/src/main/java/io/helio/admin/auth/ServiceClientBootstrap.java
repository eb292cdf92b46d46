package io.helio.admin.auth;

import io.helio.admin.user.Role;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registers the clients that configuration names at start-up, updating their secrets if they
 * changed: the operator's (which bootstraps everything else), if configured the platform's own
 * (which reads tenants' status and reports audit events and usage), and the console client people
 * log in through.
 */
public class ServiceClientBootstrap implements ApplicationRunner {

    public static final String OPERATOR_SCOPE = "operator";
    public static final String TENANTS_READ_SCOPE = "tenants:read";
    public static final String AUDIT_WRITE_SCOPE = "audit:write";
    public static final String USAGE_WRITE_SCOPE = "usage:write";

    private static final Logger log = LoggerFactory.getLogger(ServiceClientBootstrap.class);

    private final RegisteredClientRepository clients;
    private final OperatorProperties operator;
    private final PlatformClientProperties platform;
    private final ConsoleClientProperties console;
    private final PasswordEncoder passwords;
    private final Duration tokenTtl;

    public ServiceClientBootstrap(
            RegisteredClientRepository clients,
            OperatorProperties operator,
            PlatformClientProperties platform,
            ConsoleClientProperties console,
            PasswordEncoder passwords,
            Duration tokenTtl) {
        this.clients = clients;
        this.operator = operator;
        this.platform = platform;
        this.console = console;
        this.passwords = passwords;
        this.tokenTtl = tokenTtl;
    }

    @Override
    public void run(ApplicationArguments args) {
        register(operator.clientId(), operator.clientSecret(), "Helio operator", Set.of(OPERATOR_SCOPE));
        if (platform.configured()) {
            register(
                    platform.clientId(),
                    platform.clientSecret(),
                    "Helio platform",
                    Set.of(TENANTS_READ_SCOPE, AUDIT_WRITE_SCOPE, USAGE_WRITE_SCOPE));
        }
        registerConsole();
    }

    /** A public client: no secret, so the authorization code must be bound to a PKCE challenge. */
    private void registerConsole() {
        RegisteredClient existing = clients.findByClientId(ConsoleClientProperties.CLIENT_ID);
        clients.save(RegisteredClient.withId(
                        existing == null ? UUID.randomUUID().toString() : existing.getId())
                .clientId(ConsoleClientProperties.CLIENT_ID)
                .clientName("Helio console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(console.redirectUris()))
                .scopes(granted -> granted.addAll(Role.allScopes()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                .build());
        log.info(
                "client '{}' for people's logins, redirecting to {}",
                ConsoleClientProperties.CLIENT_ID,
                console.redirectUris());
    }

    private void register(String clientId, @Nullable String secret, String name, Set<String> scopes) {
        RegisteredClient existing = clients.findByClientId(clientId);
        String id = existing == null ? UUID.randomUUID().toString() : existing.getId();
        clients.save(RegisteredClient.withId(id)
                .clientId(clientId)
                .clientName(name)
                .clientSecret(passwords.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(granted -> granted.addAll(scopes))
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                .build());
        log.info("client '{}' ({}) {}", clientId, scopes, existing == null ? "registered" : "updated");
    }
}
