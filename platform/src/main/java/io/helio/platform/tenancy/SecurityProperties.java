package io.helio.platform.tenancy;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whose tokens the platform accepts: the issuer (tenant-admin's authorization server), where its
 * signing keys are published (and how long fetching them may take), and the audience a token must
 * name; how long a verified token is taken on trust before it is verified again (see
 * {@link VerifiedTokens}).
 */
@Validated
@ConfigurationProperties("helio.security")
public record SecurityProperties(
        @NotBlank String issuer,
        @NotBlank String jwkSetUri,
        @DefaultValue("helio-platform") String audience,
        @DefaultValue("5s") Duration jwkSetTimeout,
        @DefaultValue("60s") Duration tokenRecheckAfter) {}
