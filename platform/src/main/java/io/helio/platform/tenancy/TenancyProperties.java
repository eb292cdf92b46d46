package io.helio.platform.tenancy;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the platform reads tenants' status: tenant-admin's API, with the platform's own client
 * credentials (scope {@code tenants:read}).
 *
 * @param statusTtl how long a tenant's status is served from the cache; a suspension takes effect within it
 * @param sweepInterval how often connected devices of suspended tenants are disconnected
 */
@Validated
@ConfigurationProperties("helio.tenancy")
public record TenancyProperties(
        @NotBlank String adminUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @DefaultValue("30s") Duration statusTtl,
        @DefaultValue("10s") Duration sweepInterval) {}
