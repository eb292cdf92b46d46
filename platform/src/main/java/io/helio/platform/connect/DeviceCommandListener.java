package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** What hears of devices' answers to commands, and of devices listening for them (so waiting commands may go). */
public interface DeviceCommandListener {

    /** A device published on a command's reply topic: {@code {"id","code","message","data"}}. */
    void replied(ProductKey product, DeviceKey device, JsonNode reply);

    /**
     * A device now hears the command topics of the services {@code services} accepts (paths such as
     * {@code flush} or {@code measurepoint/set}): it subscribed to them, or its edge connected.
     */
    void listening(ProductKey product, DeviceKey device, Predicate<String> services);
}
