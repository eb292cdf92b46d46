package io.helio.platform.model;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param secretKey base64 of the 32-byte AES key that encrypts device secrets at rest
 * @param cacheTtl how long the device doors may use a cached device or model
 * @param cacheSize how many devices and products the cache holds
 */
@Validated
@ConfigurationProperties("helio.model")
public record ModelProperties(
        @NotBlank String secretKey,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("100000") long cacheSize) {}
