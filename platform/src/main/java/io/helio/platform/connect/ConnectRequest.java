package io.helio.platform.connect;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A device's CONNECT credentials in the EnOS form: client id
 * {@code {clientId}|securemode=2,signmethod=sha256,timestamp=...|}, user name
 * {@code {deviceKey}&{productKey}}, password the signature.
 */
record ConnectRequest(
        String signedClientId,
        int secureMode,
        SignMethod signMethod,
        String timestamp,
        DeviceAddress address,
        String signature) {

    /** Parses the three CONNECT fields, or nothing if any of them does not have the EnOS form. */
    static Optional<ConnectRequest> parse(String clientId, String username, byte[] password) {
        int open = clientId.indexOf('|');
        int close = clientId.indexOf('|', open + 1);
        Optional<DeviceAddress> address = DeviceAddress.fromUsername(username);
        if (open <= 0 || close < 0 || address.isEmpty() || password == null) {
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
            return SignMethod.parse(parameters.getOrDefault("signmethod", ""))
                    .map(method -> new ConnectRequest(
                            clientId.substring(0, open),
                            Integer.parseInt(parameters.getOrDefault("securemode", "")),
                            method,
                            parameters.getOrDefault("timestamp", ""),
                            address.get(),
                            new String(password, StandardCharsets.UTF_8)));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
