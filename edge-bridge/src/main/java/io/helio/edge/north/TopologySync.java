package io.helio.edge.north;

import io.helio.edge.DeviceKeys;
import io.helio.edge.EdgeProperties;
import io.helio.protocol.edge.EdgeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketRequester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings the gateway's topology in the cloud in line with the edge's configuration at each
 * connection: configured devices missing there are added (each signed with its own secret, as
 * {@code thing.topo.add} requires), sub-devices no longer configured are removed.
 */
public final class TopologySync {

    private static final Logger log = LoggerFactory.getLogger(TopologySync.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EdgeProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();

    public TopologySync(EdgeProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    void sync(RSocketRequester cloud) {
        Set<DeviceKeys> present = new HashSet<>();
        request(cloud, "get", json.createObjectNode())
                .path("data")
                .forEach(sub -> present.add(new DeviceKeys(
                        sub.path("productKey").asString(""),
                        sub.path("deviceKey").asString(""))));
        Set<DeviceKeys> configured = new HashSet<>();
        ArrayNode missing = json.createArrayNode();
        for (EdgeProperties.Device device : properties.devices()) {
            if (device.keys().equals(properties.gateway().keys())) {
                continue;
            }
            configured.add(device.keys());
            if (!present.contains(device.keys())) {
                missing.add(signed(device));
            }
        }
        ArrayNode extra = json.createArrayNode();
        present.stream()
                .filter(sub -> !configured.contains(sub))
                .forEach(sub ->
                        extra.addObject().put("productKey", sub.productKey()).put("deviceKey", sub.deviceKey()));
        if (!missing.isEmpty()) {
            request(cloud, "add", missing);
        }
        if (!extra.isEmpty()) {
            request(cloud, "delete", extra);
        }
        log.info("topology: {} sub-devices, {} added, {} removed", configured.size(), missing.size(), extra.size());
    }

    private ObjectNode signed(EdgeProperties.Device device) {
        String timestamp = Long.toString(clock.millis());
        return json.createObjectNode()
                .put("productKey", device.productKey())
                .put("deviceKey", device.deviceKey())
                .put("clientId", device.deviceKey())
                .put("timestamp", timestamp)
                .put("signMethod", "sha256")
                .put("sign", device.sign(timestamp));
    }

    /** A {@code thing.topo.*} request of the gateway; its reply, logged when it is not a success. */
    private JsonNode request(RSocketRequester cloud, String operation, JsonNode params) {
        EdgeProperties.Device gateway = properties.gateway();
        ObjectNode request = json.createObjectNode()
                .put("id", "edge-topo-" + ids.incrementAndGet())
                .put("version", "1.0")
                .put("method", "thing.topo." + operation);
        request.set("params", params);
        JsonNode reply = cloud.route("request")
                .data(new EdgeRequest(
                        "/sys/" + gateway.productKey() + "/" + gateway.deviceKey() + "/thing/topo/" + operation,
                        request))
                .retrieveMono(JsonNode.class)
                .block(TIMEOUT);
        if (reply == null || reply.path("code").asInt() != 200) {
            log.warn("thing.topo.{} was not done: {}", operation, reply);
            return json.createObjectNode();
        }
        return reply;
    }
}
