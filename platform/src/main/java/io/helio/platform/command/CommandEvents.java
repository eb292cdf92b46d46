package io.helio.platform.command;

import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Follows devices for their commands: a reply completes its command's record (and a SYNC caller
 * waiting for it), and a device that connects and listens — over MQTT, or behind an edge that
 * connects — gets the commands that waited for it.
 */
class CommandEvents implements DeviceCommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandEvents.class);

    private final R2dbcCommands commands;
    private final CommandDispatch dispatch;
    private final Clock clock;

    CommandEvents(R2dbcCommands commands, CommandDispatch dispatch, Clock clock) {
        this.commands = commands;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    @Override
    public void replied(ProductKey product, DeviceKey device, JsonNode reply) {
        dispatch.replied(product, device, reply);
    }

    @Override
    public void connected(ProductKey product, DeviceKey device) {
        commands.claimPending(product, device, clock.instant())
                .subscribe(
                        dispatch::send, failure -> log.warn("could not send {} its waiting commands", device, failure));
    }
}
