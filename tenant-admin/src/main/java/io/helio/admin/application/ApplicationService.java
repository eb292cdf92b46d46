package io.helio.admin.application;

import io.helio.admin.auth.TenantClaims;
import io.helio.admin.tenant.TenantId;
import io.helio.admin.tenant.TenantService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a tenant's applications as OAuth2 clients (client credentials grant). The secret is
 * generated here, returned once, and stored only as a hash.
 */
public class ApplicationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantService tenants;
    private final ApplicationRepository applications;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final Duration tokenTtl;
    private final Clock clock;

    public ApplicationService(
            TenantService tenants,
            ApplicationRepository applications,
            RegisteredClientRepository clients,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            Duration tokenTtl,
            Clock clock) {
        this.tenants = tenants;
        this.applications = applications;
        this.clients = clients;
        this.passwords = passwords;
        this.transactions = transactions;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    public IssuedCredentials create(TenantId tenantId, String name, Set<String> scopes) {
        tenants.get(tenantId);
        String clientId = "app-" + HexFormat.of().formatHex(randomBytes(10));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientName(name)
                .clientSecret(passwords.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(granted -> granted.addAll(scopes))
                .clientSettings(TenantClaims.settingsFor(tenantId.value()))
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                .build();
        transactions.executeWithoutResult(status -> {
            clients.save(client);
            applications.insert(new ApplicationRepository.Row(clientId, tenantId, name, now));
        });
        return new IssuedCredentials(new Application(clientId, tenantId, name, scopes, now), secret);
    }

    public List<Application> list(TenantId tenantId) {
        tenants.get(tenantId);
        return applications.findByTenant(tenantId).stream()
                .map(row -> new Application(
                        row.clientId(), row.tenant(), row.name(), scopesOf(row.clientId()), row.createdAt()))
                .toList();
    }

    private Set<String> scopesOf(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        return client == null ? Set.of() : client.getScopes();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
