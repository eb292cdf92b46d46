package io.helio.platform.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The edge endpoint's listeners.
 *
 * @param host the address both transports bind
 * @param port RSocket over TCP (0 picks a free one)
 * @param websocketPort RSocket over WebSocket (0 picks a free one)
 * @param tls TLS on both transports
 */
@Validated
@ConfigurationProperties("helio.edge")
public record EdgeEndpointProperties(
        @DefaultValue("0.0.0.0") @NotBlank String host,
        @DefaultValue("17000") @Min(0) @Max(65535) int port,
        @DefaultValue("17001") @Min(0) @Max(65535) int websocketPort,
        @DefaultValue @Valid Tls tls) {

    /**
     * Off unless enabled; the endpoint's certificate and key from a key store. Edges may present a
     * client certificate, which a gateway of a product that requires one must.
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @Nullable Path keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("PKCS12") String keyStoreType) {}
}
