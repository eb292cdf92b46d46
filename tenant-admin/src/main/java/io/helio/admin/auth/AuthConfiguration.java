package io.helio.admin.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.helio.admin.audit.AuditFilter;
import io.helio.admin.audit.AuditLog;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains, in order: the authorization server's endpoints (token, JWKS, metadata), the
 * admin API as a resource server of those same tokens, and the public discovery document with
 * deny-all for anything else.
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

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
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApiChain(HttpSecurity http, JsonMapper json, AuditLog audit, Clock clock)
            throws Exception {
        var problems = new ProblemAuthenticationResponses(json);
        http.securityMatcher("/tenants/**", "/audit-events", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/tenants/*")
                        .hasAnyAuthority(
                                "SCOPE_" + ServiceClientBootstrap.OPERATOR_SCOPE,
                                "SCOPE_" + ServiceClientBootstrap.TENANTS_READ_SCOPE)
                        .requestMatchers("/tenants/**")
                        .hasAuthority("SCOPE_" + ServiceClientBootstrap.OPERATOR_SCOPE)
                        .requestMatchers(HttpMethod.POST, "/audit-events")
                        .hasAuthority("SCOPE_" + ServiceClientBootstrap.AUDIT_WRITE_SCOPE)
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

    @Bean
    @Order(3)
    SecurityFilterChain publicDiscoveryAndDenyTheRest(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(
                        requests -> requests.requestMatchers(HttpMethod.GET, "/.well-known/oauth-protected-resource")
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
    TenantClaims tenantClaims(AuthProperties auth) {
        return new TenantClaims(auth.keyId(), auth.audiences());
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
            PasswordEncoder passwords,
            AuthProperties auth) {
        return new ServiceClientBootstrap(clients, operator, platform, passwords, auth.accessTokenTtl());
    }
}
