package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.Optional;

/** A device as its MQTT user name names it: {@code {deviceKey}&{productKey}}. */
record DeviceAddress(ProductKey product, DeviceKey device) {

    static Optional<DeviceAddress> fromUsername(String username) {
        int separator = username == null ? -1 : username.indexOf('&');
        if (separator <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceAddress(
                    ProductKey.of(username.substring(separator + 1)), DeviceKey.of(username.substring(0, separator))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The topic prefixes this device may use: its own {@code /sys/} and {@code /ext/session/} trees. */
    boolean owns(String topic) {
        return topic.startsWith("/sys/" + product + "/" + device + "/")
                || topic.startsWith("/ext/session/" + product + "/" + device + "/");
    }
}
