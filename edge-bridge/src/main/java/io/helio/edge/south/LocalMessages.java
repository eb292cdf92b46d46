package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import io.helio.edge.buffer.BufferFullException;
import io.helio.edge.buffer.FrameBuffer;
import io.helio.edge.mapping.PointMappings;
import io.helio.protocol.broker.EmbeddedBroker;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What site devices publish. A measure point post is mapped to the model's points, given the edge's
 * time when it has none (so that sending it again stores the same point) and answered 200 once it
 * is in the buffer — 429 when the buffer is full. A batch post ({@code post.batch}, a device's own
 * points at many times) goes into the buffer whole or not at all, a message per entry. A reply to a
 * command goes to the {@link CommandRelay}; any other request is forwarded to the cloud while it is
 * reachable and answered with the cloud's reply (500 while it is not).
 */
public final class LocalMessages extends AbstractInterceptHandler {

    private static final Logger log = LoggerFactory.getLogger(LocalMessages.class);
    private static final String POST = "thing/measurepoint/post";
    private static final String POST_BATCH = "thing/measurepoint/post/batch";
    /** As many entries as the cloud takes in one batch. */
    private static final int MAX_BATCH_ENTRIES = 1_000;

    private final SiteDevices devices;
    private final PointMappings mappings;
    private final FrameBuffer buffer;
    private final Upstream upstream;
    private final CommandRelay commands;
    private final LocalBroker broker;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxPayloadBytes;

    public LocalMessages(
            SiteDevices devices,
            PointMappings mappings,
            FrameBuffer buffer,
            Upstream upstream,
            CommandRelay commands,
            LocalBroker broker,
            JsonMapper json,
            Clock clock,
            int maxPayloadBytes) {
        this.devices = devices;
        this.mappings = mappings;
        this.buffer = buffer;
        this.upstream = upstream;
        this.commands = commands;
        this.broker = broker;
        this.json = json;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public String getID() {
        return "helio-edge-site";
    }

    @Override
    public void onConnect(InterceptConnectMessage message) {
        DeviceKeys.fromUsername(message.getUsername()).ifPresent(device -> {
            if (devices.sessionOpened(device)) {
                upstream.presence(device, true);
            }
        });
    }

    @Override
    public void onDisconnect(InterceptDisconnectMessage message) {
        ended(message.getUsername());
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage message) {
        ended(message.getUsername());
    }

    private void ended(String username) {
        DeviceKeys.fromUsername(username).ifPresent(device -> {
            if (devices.sessionClosed(device)) {
                upstream.presence(device, false);
            }
        });
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        byte[] payload = EmbeddedBroker.payload(message);
        if (LocalBroker.EDGE_CLIENT_ID.equals(message.getClientID())) {
            return;
        }
        // the topic policy let through only /sys/{productKey}/{deviceKey}/... of the device itself
        String topic = message.getTopicName();
        String[] parts = topic.split("/", 5);
        if (parts.length < 5) {
            return;
        }
        String productKey = parts[2];
        String deviceKey = parts[3];
        String path = parts[4];
        if (path.startsWith("thing/service/") && path.endsWith("_reply")) {
            parse(payload).ifPresent(reply -> commands.replied(productKey, deviceKey, reply));
            return;
        }
        handle(topic, productKey, deviceKey, path, payload);
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        log.error("the site broker's session loop failed", error);
    }

    private void handle(String topic, String productKey, String deviceKey, String path, byte[] payload) {
        if (payload.length == 0) {
            reply(topic, "", 1251, "the payload is empty");
            return;
        }
        if (payload.length > maxPayloadBytes) {
            reply(topic, "", 1008, "the payload exceeds " + maxPayloadBytes + " bytes");
            return;
        }
        Optional<JsonNode> parsed = parse(payload).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            reply(topic, "", 1220, "the payload is not a JSON object");
            return;
        }
        JsonNode request = parsed.get();
        String id = request.path("id").asString("");
        if (!path.equals(POST) && !path.equals(POST_BATCH)) {
            upstream.forward(topic, request)
                    .subscribe(
                            answer -> broker.publish(topic + "_reply", answer),
                            unreachable ->
                                    reply(topic, id, 500, "the cloud cannot be reached from the edge now; retry"));
            return;
        }
        // as the cloud checks it: the method is the topic's path, dotted
        String method = path.replace('/', '.');
        if (!method.equals(request.path("method").asString(""))) {
            reply(topic, id, 1260, "method must be '" + method + "' on this topic");
        } else if (path.equals(POST)) {
            buffer(topic, productKey, deviceKey, id, request);
        } else {
            bufferBatch(topic, productKey, deviceKey, id, request);
        }
    }

    /** A measure point post: mapped, timed, into the buffer, answered once it is there. */
    private void buffer(String topic, String productKey, String deviceKey, String id, JsonNode request) {
        JsonNode params = request.path("params");
        if (!params.path("measurepoints").isObject()) {
            reply(topic, id, 1204, "params.measurepoints must be an object");
            return;
        }
        store(topic, productKey, deviceKey, id, List.of(frame(productKey, deviceKey, params)), json.createObjectNode());
    }

    /**
     * A batch post: each entry a message of the device itself, into the buffer together. Entries for
     * other devices are refused (1204): at the edge each site device speaks for itself.
     */
    private void bufferBatch(String topic, String productKey, String deviceKey, String id, JsonNode request) {
        JsonNode entries = request.path("params");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_BATCH_ENTRIES) {
            reply(topic, id, 1204, "params must be an array of 1 to " + MAX_BATCH_ENTRIES + " entries");
            return;
        }
        List<String> frames = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            if (!entry.path("measurepoints").isObject()) {
                reply(topic, id, 1204, "each entry's measurepoints must be an object; nothing was stored");
                return;
            }
            if (!productKey.equals(entry.path("productKey").asString(productKey))
                    || !deviceKey.equals(entry.path("deviceKey").asString(deviceKey))) {
                reply(topic, id, 1204, "at the edge a device posts for itself only; nothing was stored");
                return;
            }
            frames.add(frame(productKey, deviceKey, entry));
        }
        // answered as the cloud answers a batch: with how many entries it stored
        store(topic, productKey, deviceKey, id, frames, json.createObjectNode().put("stored", frames.size()));
    }

    /** A message for the buffer: the points mapped to the model's, at their time or now. */
    private String frame(String productKey, String deviceKey, JsonNode points) {
        ObjectNode frame = json.createObjectNode();
        frame.set("measurepoints", mappings.apply(productKey, deviceKey, points.get("measurepoints")));
        frame.put("time", points.path("time").isNumber() ? points.get("time").asLong() : clock.millis());
        return json.writeValueAsString(frame);
    }

    /** Into the buffer, all or none, answered 200 with {@code data} once there. */
    private void store(
            String topic, String productKey, String deviceKey, String id, List<String> frames, ObjectNode data) {
        buffer.appendAll(productKey, deviceKey, frames).whenComplete((stored, failure) -> {
            if (failure == null) {
                reply(topic, id, 200, "", data);
            } else if (failure instanceof BufferFullException full) {
                reply(topic, id, 429, full.getMessage());
            } else {
                log.error("a post of {}/{} was not buffered", productKey, deviceKey, failure);
                reply(topic, id, 500, "the edge could not store the data; retry");
            }
        });
    }

    private void reply(String topic, String id, int code, String message) {
        reply(topic, id, code, message, json.createObjectNode());
    }

    private void reply(String topic, String id, int code, String message, ObjectNode data) {
        ObjectNode reply =
                json.createObjectNode().put("id", id).put("code", code).put("message", message);
        reply.set("data", data);
        broker.publish(topic + "_reply", reply);
    }

    private Optional<JsonNode> parse(byte[] payload) {
        try {
            return Optional.of(json.readTree(payload));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }
}
