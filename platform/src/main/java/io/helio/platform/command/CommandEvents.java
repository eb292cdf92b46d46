package io.helio.platform.command;

import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Follows devices for their commands: a reply completes its command's record (and a SYNC caller
 * waiting for it), and a device that listens — subscribing over MQTT to command topics, or behind an
 * edge that connects — gets the commands that waited for it on those topics.
 */
class CommandEvents implements DeviceCommandListener {

    private final CommandDispatch dispatch;

    CommandEvents(CommandDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void replied(ProductKey product, DeviceKey device, JsonNode reply) {
        dispatch.replied(product, device, reply);
    }

    @Override
    public void listening(ProductKey product, DeviceKey device, Predicate<String> services) {
        dispatch.sendWaiting(product, device, services);
    }
}
