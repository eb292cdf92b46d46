package io.helio.platform.tenancy;

import io.helio.platform.audit.AuditOutbox;
import io.helio.platform.audit.AuditTrail;
import io.helio.platform.usage.UsageMeter;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform API is an OAuth2 resource server of tenant-admin's tokens: RS256 signatures from its
 * JWKS, its issuer, unexpired, naming the platform as audience. Scopes are checked per operation as the contract declares them.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Tokens remembered as verified: far more than the applications calling one node at once. */
    private static final int VERIFIED_TOKENS = 10_000;

    @Bean
    SecurityWebFilterChain apiSecurity(
            ServerHttpSecurity http,
            JsonMapper json,
            TenantStatuses statuses,
            AuditOutbox audit,
            UsageMeter usage,
            Clock clock) {
        var problems = new ProblemSecurityResponses(json);
        return http.addFilterBefore(new AuditTrail(audit, clock), SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterAfter(
                        new TenantGateFilter(statuses, new RateLimits(), usage, problems),
                        SecurityWebFiltersOrder.AUTHORIZATION)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                HttpMethod.GET,
                                "/.well-known/oauth-protected-resource",
                                "/actuator/health/**",
                                "/actuator/prometheus",
                                "/api-docs/**",
                                "/webjars/**")
                        .permitAll()
                        // devices sign in on their own door; no application token there
                        .pathMatchers(HttpMethod.POST, "/device-sessions", "/device-messages")
                        .permitAll()
                        .pathMatchers("/products/*/devices/*/commands", "/commands/**")
                        .hasAuthority("SCOPE_control")
                        .pathMatchers(
                                HttpMethod.GET, "/thing-models/**", "/products/**", "/devices/**", "/asset-trees/**")
                        .hasAuthority("SCOPE_model:read")
                        .pathMatchers("/thing-models/**", "/products/**", "/devices/**", "/asset-trees/**")
                        .hasAuthority("SCOPE_model:write")
                        .pathMatchers(HttpMethod.GET, "/timeseries/**")
                        .hasAuthority("SCOPE_data:read")
                        .pathMatchers("/rules/**", "/alerts/**")
                        .hasAuthority("SCOPE_rules")
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // every request brings its token: no web session, which the default repository asked
                // for on each request without one (creating it hops to two threads for its random id)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /**
     * No observation of each security filter, authentication and authorization: a request is timed
     * once, as {@code http.server.requests}, whose status shows the refusals, instead of again around
     * every filter of the chain on every call.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    TenantAdminConnection tenantAdmin(TenancyProperties tenancy) {
        return new TenantAdminConnection(tenancy);
    }

    @Bean
    TenantStatuses tenantStatuses(TenantAdminConnection tenantAdmin, TenancyProperties tenancy, TenantDataPurge purge) {
        return new TenantStatuses(tenantAdmin, purge, tenancy.statusTtl());
    }

    /**
     * The key set is fetched with a bounded wait: an unanswered fetch would otherwise hold every
     * request that waits for the keys.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties security, WebClient.Builder webClients, Clock clock) {
        Duration timeout = security.jwkSetTimeout();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(security.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(webClients
                        .clone()
                        .clientConnector(new ReactorClientHttpConnector(http))
                        .build())
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, audience -> audience != null && audience.contains(security.audience()))));
        return new VerifiedTokens(decoder, security.tokenRecheckAfter(), VERIFIED_TOKENS, clock);
    }
}
