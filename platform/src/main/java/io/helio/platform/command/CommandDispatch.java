package io.helio.platform.command;

import io.helio.platform.connect.DeviceCommands;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends SENT commands on their way — to the device's edge bridge when one on this node serves it,
 * otherwise to its MQTT session — and records replies, whichever way they come, completing a SYNC
 * caller's wait, on this node or (through {@link CommandAnswers}) on the one where it waits.
 */
class CommandDispatch {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatch.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final int SUCCESS = 200;

    private final R2dbcCommands commands;
    private final DeviceCommands mqtt;
    private final ObjectProvider<EdgeRoute> edges;
    private final CommandWaiters waiters;
    private final CommandAnswers answers;
    private final JsonMapper json;
    private final Clock clock;

    private final CommandOutcomes outcomes;

    CommandDispatch(
            R2dbcCommands commands,
            DeviceCommands mqtt,
            ObjectProvider<EdgeRoute> edges,
            CommandWaiters waiters,
            CommandAnswers answers,
            CommandOutcomes outcomes,
            JsonMapper json,
            Clock clock) {
        this.outcomes = outcomes;
        this.commands = commands;
        this.mqtt = mqtt;
        this.edges = edges;
        this.waiters = waiters;
        this.answers = answers;
        this.json = json;
        this.clock = clock;
    }

    /** Whether the device can be reached from this node now, directly or through its edge. */
    boolean reachable(ProductKey product, DeviceKey device) {
        return mqtt.reachable(product, device) || edgeOf(product, device) != null;
    }

    /** Claims the device's PENDING commands for the services it hears and sends them, oldest first. */
    void sendWaiting(ProductKey product, DeviceKey device, Predicate<String> services) {
        Instant now = clock.instant();
        commands.pending(product, device, now)
                .filter(command -> services.test(command.service()))
                .map(CommandRecord::commandId)
                .collectList()
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : commands.claim(ids, now))
                .subscribe(this::send, failure -> log.warn("could not send {} its waiting commands", device, failure));
    }

    /** Sends the waiting commands of every device this node reaches. */
    void sendAllWaiting() {
        commands.devicesWithPending(clock.instant())
                .filter(device -> reachable(device.product(), device.device()))
                .subscribe(
                        device -> sendWaiting(device.product(), device.device(), service -> true),
                        failure -> log.warn("could not look for waiting commands", failure));
    }

    void send(CommandRecord command) {
        EdgeRoute edge = edgeOf(command.product(), command.device());
        if (edge == null) {
            mqtt.send(command.product(), command.device(), command.requestId(), command.service(), command.params());
            return;
        }
        edge.send(command.product(), command.device(), command.requestId(), command.service(), command.params())
                .subscribe(
                        reply -> replied(command.product(), command.device(), reply),
                        failure -> log.atWarn()
                                .addKeyValue("productKey", command.product().value())
                                .addKeyValue("deviceKey", command.device().value())
                                .setCause(failure)
                                .log("edge did not answer command {}", command.commandId()));
    }

    /** A device's reply: its command's outcome (none when the id is not a command's, or it is already over). */
    void replied(ProductKey product, DeviceKey device, JsonNode reply) {
        UUID commandId;
        try {
            commandId = UUID.fromString(reply.path("id").asString(""));
        } catch (IllegalArgumentException notACommand) {
            return; // a reply to a notice, which is not recorded
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
                .doOnNext(answered -> outcomes.increment(answered.status()))
                .flatMap(answered -> waiters.answered(answered) || !answered.sync()
                        ? Mono.empty()
                        : answers.announce(answered.commandId()))
                .subscribe(null, failure -> log.warn("could not record {}'s reply", device, failure));
    }

    private EdgeRoute edgeOf(ProductKey product, DeviceKey device) {
        for (EdgeRoute edge : edges) {
            if (edge.reaches(product, device)) {
                return edge;
            }
        }
        return null;
    }
}
