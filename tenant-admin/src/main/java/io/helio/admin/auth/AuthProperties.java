package io.helio.admin.auth;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The authorization server's identity. The signing key comes from configuration (a PKCS#8 PEM RSA
 * private key), never generated at start-up: tokens must survive a restart and verify on every replica.
 * Tokens name the services they are for ({@code aud}); this service accepts those naming {@code ownAudience}.
 */
@Validated
@ConfigurationProperties("helio.auth")
public record AuthProperties(
        @NotBlank String issuer,
        @NotBlank String signingKey,
        @DefaultValue("helio-1") String keyId,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue({"helio-platform", "helio-admin"}) List<String> audiences,
        @DefaultValue("helio-admin") String ownAudience) {}
