package io.helio.admin.auth;

import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Registers the operator's client from configuration at start-up, updating its secret if it changed. */
public class OperatorClientBootstrap implements ApplicationRunner {

    public static final String OPERATOR_SCOPE = "operator";

    private static final Logger log = LoggerFactory.getLogger(OperatorClientBootstrap.class);

    private final RegisteredClientRepository clients;
    private final OperatorProperties operator;
    private final PasswordEncoder passwords;
    private final Duration tokenTtl;

    public OperatorClientBootstrap(
            RegisteredClientRepository clients,
            OperatorProperties operator,
            PasswordEncoder passwords,
            Duration tokenTtl) {
        this.clients = clients;
        this.operator = operator;
        this.passwords = passwords;
        this.tokenTtl = tokenTtl;
    }

    @Override
    public void run(ApplicationArguments args) {
        RegisteredClient existing = clients.findByClientId(operator.clientId());
        String id = existing == null ? UUID.randomUUID().toString() : existing.getId();
        clients.save(RegisteredClient.withId(id)
                .clientId(operator.clientId())
                .clientName("Helio operator")
                .clientSecret(passwords.encode(operator.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(OPERATOR_SCOPE)
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                .build());
        log.info("operator client '{}' {}", operator.clientId(), existing == null ? "registered" : "updated");
    }
}
