package io.helio.edge.north;

import io.helio.edge.south.CommandRelay;
import io.helio.protocol.edge.EdgeCommand;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The cloud's requests to the edge: commands for its devices, answered with the device's reply. */
@Controller
class CommandController {

    private final CommandRelay relay;

    CommandController(CommandRelay relay) {
        this.relay = relay;
    }

    @MessageMapping("command")
    Mono<JsonNode> command(EdgeCommand command) {
        return relay.send(command.id(), command.productKey(), command.deviceKey(), command.method(), command.params());
    }
}
