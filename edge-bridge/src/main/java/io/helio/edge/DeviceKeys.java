package io.helio.edge;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A device by its keys: its product's key and its own. */
public record DeviceKeys(String productKey, String deviceKey) {

    /** The device an MQTT user name names: {@code {deviceKey}&{productKey}}. */
    public static Optional<DeviceKeys> fromUsername(@Nullable String username) {
        int separator = username == null ? -1 : username.indexOf('&');
        return separator > 0
                ? Optional.of(new DeviceKeys(username.substring(separator + 1), username.substring(0, separator)))
                : Optional.empty();
    }

    /** Whether {@code topic} is under this device's own {@code /sys/{productKey}/{deviceKey}/}. */
    public boolean owns(String topic) {
        return topic.startsWith("/sys/" + productKey + "/" + deviceKey + "/");
    }
}
