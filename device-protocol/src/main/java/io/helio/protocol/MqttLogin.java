package io.helio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A device's CONNECT credentials in the EnOS form: client id
 * {@code {clientId}|securemode=2,signmethod=sha256,timestamp=...|}, user name
 * {@code {deviceKey}&{productKey}}, password the signature. The keys are as the device wrote them;
 * whoever looks them up checks their form.
 */
public record MqttLogin(
        String signedClientId,
        int secureMode,
        SignMethod signMethod,
        String timestamp,
        String productKey,
        String deviceKey,
        String signature) {

    /** Static activation: the device signs with its own secret. */
    public static final int STATIC_ACTIVATION = 2;

    /** Dynamic activation: the device signs with its product's secret and is sent its own. */
    public static final int DYNAMIC_ACTIVATION = 3;

    /** Parses the three CONNECT fields, or nothing if any of them does not have the EnOS form. */
    public static Optional<MqttLogin> parse(String clientId, String username, byte[] password) {
        int open = clientId.indexOf('|');
        int close = clientId.indexOf('|', open + 1);
        int separator = username.indexOf('&');
        if (open <= 0 || close < 0 || separator <= 0 || separator == username.length() - 1 || password == null) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : clientId.substring(open + 1, close).split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        pair.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        pair.substring(equals + 1).trim());
            }
        }
        try {
            int secureMode = Integer.parseInt(parameters.getOrDefault("securemode", ""));
            return SignMethod.parse(parameters.getOrDefault("signmethod", ""))
                    .map(method -> new MqttLogin(
                            clientId.substring(0, open),
                            secureMode,
                            method,
                            parameters.getOrDefault("timestamp", ""),
                            username.substring(separator + 1),
                            username.substring(0, separator),
                            new String(password, StandardCharsets.UTF_8)));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
