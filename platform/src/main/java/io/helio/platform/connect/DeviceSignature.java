package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * The EnOS device signature: sort the parameter names, concatenate name and value of each, append
 * the secret, digest, hex. Compared case-insensitively and in constant time.
 */
public final class DeviceSignature {

    private DeviceSignature() {}

    static String sign(String secret, Map<String, String> parameters, SignMethod method) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, value) -> text.append(name).append(value));
        text.append(secret);
        try {
            byte[] digest = MessageDigest.getInstance(method.algorithm())
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(method.algorithm() + " is not available", e);
        }
    }

    /**
     * A device signing in outside an MQTT CONNECT (the HTTP door, the edge endpoint): its credentials
     * when it exists, may connect and signed its client id, keys and timestamp with its secret; empty
     * otherwise.
     */
    static Mono<DeviceCredentials> signedIn(
            DeviceDirectory directory,
            SignMethod method,
            String clientId,
            DeviceAddress device,
            String timestamp,
            String signature) {
        return directory
                .credentials(device.product(), device.device())
                .filter(known ->
                        known.mayConnect() && verify(method, clientId, device, timestamp, signature, known.secret()));
    }

    /** {@link #signedIn} with a SHA-256 signature, for the edge endpoint. */
    public static Mono<DeviceCredentials> signedInSha256(
            DeviceDirectory directory,
            ProductKey product,
            DeviceKey device,
            String clientId,
            String timestamp,
            String signature) {
        return signedIn(
                directory, SignMethod.SHA256, clientId, new DeviceAddress(product, device), timestamp, signature);
    }

    static boolean verify(ConnectRequest request, String secret) {
        return verify(
                request.signMethod(),
                request.signedClientId(),
                request.address(),
                request.timestamp(),
                request.signature(),
                secret);
    }

    /** Checks a signature over a device's client id, keys and timestamp, made with {@code secret}. */
    static boolean verify(
            SignMethod method,
            String clientId,
            DeviceAddress device,
            String timestamp,
            String signature,
            String secret) {
        String expected = sign(
                secret,
                Map.of(
                        "clientId",
                        clientId,
                        "deviceKey",
                        device.device().value(),
                        "productKey",
                        device.product().value(),
                        "timestamp",
                        timestamp),
                method);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
