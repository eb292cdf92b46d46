package io.helio.platform.command;

import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.connect.DeviceCommands;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows devices for their commands: a reply completes its command's record (and a SYNC caller
 * waiting for it), and a device that connects and listens gets the commands that waited for it.
 */
class CommandEvents implements DeviceCommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandEvents.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final int SUCCESS = 200;

    private final R2dbcCommands commands;
    private final DeviceCommands deviceCommands;
    private final CommandWaiters waiters;
    private final JsonMapper json;
    private final Clock clock;

    CommandEvents(
            R2dbcCommands commands,
            DeviceCommands deviceCommands,
            CommandWaiters waiters,
            JsonMapper json,
            Clock clock) {
        this.commands = commands;
        this.deviceCommands = deviceCommands;
        this.waiters = waiters;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void replied(ProductKey product, DeviceKey device, JsonNode reply) {
        UUID commandId;
        try {
            commandId = UUID.fromString(reply.path("id").asString(""));
        } catch (IllegalArgumentException notACommand) {
            return; // a reply to a notice, or to a rule's command, which are not recorded
        }
        int code = reply.path("code").asInt(0);
        JsonNode data = reply.path("data");
        commands.replied(
                        product,
                        device,
                        commandId,
                        code == SUCCESS ? CommandRecord.Status.SUCCEEDED : CommandRecord.Status.FAILED,
                        code,
                        reply.path("message").isString() ? reply.path("message").asString() : null,
                        data.isObject() ? json.convertValue(data, OBJECT) : null,
                        clock.instant())
                .subscribe(waiters::answered, failure -> log.warn("could not record {}'s reply", device, failure));
    }

    @Override
    public void connected(ProductKey product, DeviceKey device) {
        commands.claimPending(product, device, clock.instant())
                .subscribe(
                        command -> deviceCommands.send(
                                product, device, command.requestId(), command.service(), command.params()),
                        failure -> log.warn("could not send {} its waiting commands", device, failure));
    }
}
