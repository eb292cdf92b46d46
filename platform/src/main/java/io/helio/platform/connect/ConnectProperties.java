package io.helio.platform.connect;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param host the address the MQTT listener binds
 * @param port the MQTT port (EnOS uses 11883; 0 picks a free one)
 * @param maxPayloadBytes the largest payload answered normally; larger ones get code 1008
 * @param maxInflight how many device requests may be in progress at once; beyond that devices get 429
 * @param lookupTimeout the longest device authentication may wait for a device's credentials
 * @param tls a TLS listener beside the plain one, if configured
 */
@Validated
@ConfigurationProperties("helio.connect")
public record ConnectProperties(
        @DefaultValue("0.0.0.0") @NotBlank String host,
        @DefaultValue("11883") @Min(0) @Max(65535) int port,
        @DefaultValue("524288") @Min(1024) int maxPayloadBytes,
        @DefaultValue("2048") @Min(1) int maxInflight,
        @DefaultValue("5s") Duration lookupTimeout,
        @Nullable @Valid Tls tls) {

    /**
     * The TLS listener (EnOS uses 18883): its port (0 picks a free one) and the server certificate
     * with its private key, in a key store file.
     */
    public record Tls(
            @DefaultValue("18883") @Min(0) @Max(65535) int port,
            @NotNull Path keyStore,
            @DefaultValue("PKCS12") String keyStoreType,
            @NotBlank String keyStorePassword) {}
}
