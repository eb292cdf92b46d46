package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import tools.jackson.databind.JsonNode;

/** What hears of devices' answers to commands, and of devices connecting (so waiting commands may go). */
public interface DeviceCommandListener {

    /** A device published on a command's reply topic: {@code {"id","code","message","data"}}. */
    void replied(ProductKey product, DeviceKey device, JsonNode reply);

    /** A device's MQTT session started. */
    void connected(ProductKey product, DeviceKey device);
}
