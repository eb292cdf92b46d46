package io.helio.platform.tenancy;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whose tokens the platform accepts: the issuer (tenant-admin's authorization server) and where its
 * signing keys are published.
 */
@Validated
@ConfigurationProperties("helio.security")
public record SecurityProperties(
        @NotBlank String issuer, @NotBlank String jwkSetUri) {}
