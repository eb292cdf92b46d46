package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings the cloud's commands to site devices on their {@code thing/service/...} topics and their
 * replies back. A command for a device that is not connected here is answered at once with
 * {@link #NOT_CONNECTED}; one left unanswered fails after {@link #LONGEST_WAIT}.
 */
public final class CommandRelay {

    /** The reply code of a command whose device is not connected to the edge. */
    public static final int NOT_CONNECTED = 503;

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final String SERVICE_METHOD = "thing.service.";

    private final LocalBroker broker;
    private final SiteDevices devices;
    private final JsonMapper json;
    private final Map<String, Sinks.One<JsonNode>> waiting = new ConcurrentHashMap<>();

    public CommandRelay(LocalBroker broker, SiteDevices devices, JsonMapper json) {
        this.broker = broker;
        this.devices = devices;
        this.json = json;
    }

    /** The device's reply ({@code {"id","code","message","data"}}) to a command. */
    public Mono<JsonNode> send(String id, String productKey, String deviceKey, String method, JsonNode params) {
        if (!method.startsWith(SERVICE_METHOD)) {
            return Mono.just(answer(id, 1260, "'" + method + "' is not a service method"));
        }
        if (!devices.connected(new DeviceKeys(productKey, deviceKey))) {
            return Mono.just(answer(id, NOT_CONNECTED, productKey + "/" + deviceKey + " is not connected to the edge"));
        }
        String topic = "/sys/" + productKey + "/" + deviceKey + "/thing/service/"
                + method.substring(SERVICE_METHOD.length()).replace('.', '/');
        Sinks.One<JsonNode> reply = Sinks.one();
        String key = replyKey(productKey, deviceKey, id);
        waiting.put(key, reply);
        ObjectNode request =
                json.createObjectNode().put("id", id).put("version", "1.0").put("method", method);
        request.set("params", params);
        broker.publish(topic, request);
        return reply.asMono()
                .timeout(LONGEST_WAIT, Mono.fromSupplier(() -> answer(id, 500, "the device did not reply")))
                .doFinally(signal -> waiting.remove(key));
    }

    /** A device's reply on a {@code thing/service/..._reply} topic. */
    void replied(String productKey, String deviceKey, JsonNode reply) {
        Sinks.One<JsonNode> waiter =
                waiting.remove(replyKey(productKey, deviceKey, reply.path("id").asString("")));
        if (waiter != null) {
            waiter.tryEmitValue(reply);
        }
    }

    private JsonNode answer(String id, int code, String message) {
        return json.createObjectNode().put("id", id).put("code", code).put("message", message);
    }

    private static String replyKey(String productKey, String deviceKey, String id) {
        return productKey + "/" + deviceKey + "/" + id;
    }
}
