package io.helio.admin.application;

import io.helio.admin.auth.TenantClaims;
import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.admin.tenant.TenantService;
import io.helio.errors.ApiException;
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
import org.jspecify.annotations.Nullable;
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

    public IssuedCredentials create(TenantId tenantId, String name, Set<String> scopes, @Nullable Instant expiresAt) {
        tenants.get(tenantId);
        String clientId = "app-" + HexFormat.of().formatHex(randomBytes(10));
        String secret = newSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ApiException(AdminError.APPLICATION_INVALID, "expiresAt must be in the future");
        }
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientName(name)
                .clientSecret(passwords.encode(secret))
                .clientSecretExpiresAt(expiresAt)
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
        return new IssuedCredentials(new Application(clientId, tenantId, name, scopes, now, expiresAt), secret);
    }

    /** A new secret for the application, returned once; the old one obtains no more tokens. */
    public String rotateSecret(TenantId tenantId, String clientId) {
        RegisteredClient client = registered(tenantId, clientId);
        String secret = newSecret();
        clients.save(RegisteredClient.from(client)
                .clientSecret(passwords.encode(secret))
                .build());
        return secret;
    }

    /** Removes the application: its credentials obtain no more tokens (issued ones live until they expire). */
    public void revoke(TenantId tenantId, String clientId) {
        RegisteredClient client = registered(tenantId, clientId);
        transactions.executeWithoutResult(status -> applications.delete(clientId, client.getId()));
    }

    public List<Application> list(TenantId tenantId) {
        tenants.get(tenantId);
        return applications.findByTenant(tenantId).stream()
                .map(row -> {
                    RegisteredClient client = clients.findByClientId(row.clientId());
                    return new Application(
                            row.clientId(),
                            row.tenant(),
                            row.name(),
                            client == null ? Set.of() : client.getScopes(),
                            row.createdAt(),
                            client == null ? null : client.getClientSecretExpiresAt());
                })
                .toList();
    }

    /** The application's OAuth2 client, if the application is this tenant's; another tenant's is not found. */
    private RegisteredClient registered(TenantId tenantId, String clientId) {
        tenants.get(tenantId);
        RegisteredClient client = applications
                .find(tenantId, clientId)
                .map(row -> clients.findByClientId(clientId))
                .orElse(null);
        if (client == null) {
            throw new ApiException(
                    AdminError.APPLICATION_NOT_FOUND, "no application '" + clientId + "' in tenant '" + tenantId + "'");
        }
        return client;
    }

    private static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
