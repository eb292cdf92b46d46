package io.helio.edge;

import io.helio.protocol.DeviceSignatures;
import io.helio.protocol.SignMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an edge is configured with ({@code helio.edge.*}): where the cloud is, the gateway device it
 * acts as, the site's devices and their point mappings, its local broker and its buffer.
 */
@ConfigurationProperties("helio.edge")
public record EdgeProperties(
        Cloud cloud, Device gateway, @DefaultValue List<Device> devices, Mqtt mqtt, Buffer buffer) {

    /** The platform's edge endpoint, how to reach it, and how long to wait between attempts. */
    public record Cloud(
            String host,
            int port,
            @DefaultValue("TCP") Transport transport,
            @DefaultValue Tls tls,
            @DefaultValue("500ms") Duration reconnectMin,
            @DefaultValue("30s") Duration reconnectMax) {}

    /**
     * TLS to the endpoint: off unless enabled; the endpoint's certificate checked against the trust
     * store when one is given, else against the JVM's default authorities; the gateway's own client
     * certificate and key presented from the key store when one is given (required when its product
     * requires client certificates, and registered for the gateway device).
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @Nullable Path trustStore,
            @DefaultValue("") String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType,
            @Nullable Path keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("PKCS12") String keyStoreType) {}

    public enum Transport {
        TCP,
        WEBSOCKET
    }

    /**
     * A device of the site (or the gateway itself): its keys and secret, with which it signs in to the
     * local broker and the edge signs it in to the cloud, and how its local point names and units map
     * to its model's.
     */
    public record Device(
            String productKey,
            String deviceKey,
            String deviceSecret,
            @DefaultValue Map<String, PointMapping> points) {

        public DeviceKeys keys() {
            return new DeviceKeys(productKey, deviceKey);
        }

        /** The device's SHA-256 signature at {@code timestamp}, as it signs its CONNECT (client id = device key). */
        public String sign(String timestamp) {
            return DeviceSignatures.sign(deviceSecret, SignMethod.SHA256, deviceKey, productKey, deviceKey, timestamp);
        }
    }

    /** A local point's model name ({@code to}, the same when absent) and linear conversion: model = local × scale + offset. */
    public record PointMapping(
            String to,
            @DefaultValue("1") double scale,
            @DefaultValue("0") double offset) {}

    /** The local broker's listener; payloads above {@code maxPayloadBytes} are refused. */
    public record Mqtt(
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("11883") int port,
            @DefaultValue("524288") int maxPayloadBytes) {}

    /**
     * The durable buffer: its file, and how many messages it holds at most. When it is full, devices'
     * new data is refused with 429 (nothing held is dropped to make room).
     */
    public record Buffer(
            @DefaultValue("edge-buffer.db") Path file,
            @DefaultValue("1000000") long capacity) {}
}
