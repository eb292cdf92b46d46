package io.helio.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The EnOS device signature over a device's client id, keys and timestamp: sort the parameter names,
 * concatenate name and value of each, append the secret, digest, hex. Checked case-insensitively and
 * in constant time.
 */
public final class DeviceSignatures {

    private DeviceSignatures() {}

    /** The signature a device with {@code secret} sends (lower-case hex). */
    public static String sign(
            String secret, SignMethod method, String clientId, String productKey, String deviceKey, String timestamp) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(Map.of(
                        "clientId", clientId, "deviceKey", deviceKey, "productKey", productKey, "timestamp", timestamp))
                .forEach((name, value) -> text.append(name).append(value));
        text.append(secret);
        try {
            byte[] digest = MessageDigest.getInstance(method.algorithm())
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(method.algorithm() + " is not available", e);
        }
    }

    /** Whether {@code signature} was made with {@code secret} over these values. */
    public static boolean verify(
            SignMethod method,
            String clientId,
            String productKey,
            String deviceKey,
            String timestamp,
            String signature,
            String secret) {
        String expected = sign(secret, method, clientId, productKey, deviceKey, timestamp);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a device's CONNECT was signed with {@code secret}. */
    public static boolean verify(MqttLogin login, String secret) {
        return verify(
                login.signMethod(),
                login.signedClientId(),
                login.productKey(),
                login.deviceKey(),
                login.timestamp(),
                login.signature(),
                secret);
    }
}
