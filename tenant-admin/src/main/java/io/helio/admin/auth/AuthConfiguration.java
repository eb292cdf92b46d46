package io.helio.admin.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.helio.admin.audit.AuditFilter;
import io.helio.admin.audit.AuditLog;
import io.helio.admin.user.UserRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four filter chains, in order: the authorization server's endpoints (authorize, token, JWKS,
 * metadata), the admin API as a resource server of those same tokens, the login form for people,
 * and the public discovery document with deny-all for anything else.
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    /** A tenant's own administration: its applications, users and audit log. */
    public static final String TENANT_ADMIN_SCOPE = "tenant:admin";
    /** Reading a tenant's own record, quotas and usage. */
    public static final String TENANT_READ_SCOPE = "tenant:read";

    private static final String LOGIN_PAGE = "/login";

    /**
     * The authorization server's endpoints. Someone not yet logged in who asks to authorize is sent
     * to the login page; the login is kept in the session until the code is issued.
     */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        configurer -> configurer.tokenEndpoint(
                                token -> token.accessTokenRequestConverter(new AllScopesByDefault())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize")))
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    /**
     * The admin API. Tenant-wide operations are the operator's; operations on one tenant also
     * serve that tenant's own people and applications with the right scope, and nobody else.
     */
    @Bean
    @Order(2)
    SecurityFilterChain adminApiChain(HttpSecurity http, JsonMapper json, AuditLog audit, Clock clock)
            throws Exception {
        var problems = new ProblemAuthenticationResponses(json);
        List<String> operator = List.of(ServiceClientBootstrap.OPERATOR_SCOPE);
        TenantAccess readTenant = TenantAccess.of(
                List.of(ServiceClientBootstrap.OPERATOR_SCOPE, ServiceClientBootstrap.TENANTS_READ_SCOPE),
                List.of(TENANT_READ_SCOPE, TENANT_ADMIN_SCOPE));
        TenantAccess readUsage = TenantAccess.of(operator, List.of(TENANT_READ_SCOPE, TENANT_ADMIN_SCOPE));
        TenantAccess administerTenant = TenantAccess.of(operator, List.of(TENANT_ADMIN_SCOPE));
        http.securityMatcher("/tenants/**", "/audit-events", "/usage-reports", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/tenants/{tenantId}")
                        .access(readTenant)
                        .requestMatchers(HttpMethod.GET, "/tenants/{tenantId}/usage")
                        .access(readUsage)
                        .requestMatchers(HttpMethod.GET, "/tenants/{tenantId}/audit")
                        .access(administerTenant)
                        .requestMatchers("/tenants/{tenantId}/applications/**", "/tenants/{tenantId}/users/**")
                        .access(administerTenant)
                        .requestMatchers("/tenants/**")
                        .hasAuthority("SCOPE_" + ServiceClientBootstrap.OPERATOR_SCOPE)
                        .requestMatchers(HttpMethod.POST, "/audit-events")
                        .hasAuthority("SCOPE_" + ServiceClientBootstrap.AUDIT_WRITE_SCOPE)
                        .requestMatchers(HttpMethod.POST, "/usage-reports")
                        .hasAuthority("SCOPE_" + ServiceClientBootstrap.USAGE_WRITE_SCOPE)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .addFilterBefore(new AuditFilter(audit, clock), ExceptionTranslationFilter.class);
        return http.build();
    }

    /** People log in here (a form, with a CSRF token); the session then carries them to the authorization. */
    @Bean
    @Order(3)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.securityMatcher(LOGIN_PAGE)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain publicDiscoveryAndDenyTheRest(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/.well-known/oauth-protected-resource", "/api-docs/**", "/webjars/**")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    RSAKey signingKey(AuthProperties auth) {
        return SigningKeys.fromPem(auth.signingKey(), auth.keyId());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    /** The admin API accepts only tokens this server issued for it: signature, issuer, expiry and audience. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, AuthProperties auth) {
        JwtDecoder decoder = OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        if (decoder instanceof NimbusJwtDecoder nimbus) {
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(auth.issuer()),
                    new JwtClaimValidator<List<String>>(
                            JwtClaimNames.AUD, audience -> audience != null && audience.contains(auth.ownAudience()))));
        }
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties auth) {
        return AuthorizationServerSettings.builder().issuer(auth.issuer()).build();
    }

    @Bean
    TenantClaims tenantClaims(AuthProperties auth, UserRepository users) {
        return new TenantClaims(auth.keyId(), auth.audiences(), users);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcOperations jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    ServiceClientBootstrap serviceClientBootstrap(
            RegisteredClientRepository clients,
            OperatorProperties operator,
            PlatformClientProperties platform,
            ConsoleClientProperties console,
            PasswordEncoder passwords,
            AuthProperties auth) {
        return new ServiceClientBootstrap(clients, operator, platform, console, passwords, auth.accessTokenTtl());
    }
}
