package io.helio.platform.connect;

import io.helio.protocol.broker.EmbeddedBroker;
import io.moquette.broker.Server;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes to devices through the embedded broker: replies to their requests, and notices of the
 * platform's own (at QoS 0, see {@link EmbeddedBroker#publish}).
 */
class DevicePublisher {

    static final String PLATFORM_CLIENT_ID = "helio-platform";

    private final Server broker;
    private final JsonMapper json;
    private final AtomicLong noticeIds = new AtomicLong();

    DevicePublisher(Server broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
    }

    void reply(String requestTopic, DeviceReply reply) {
        ObjectNode body = json.createObjectNode()
                .put("id", reply.id())
                .put("code", reply.code().code())
                .put("message", reply.message());
        if (reply.data() != null) {
            body.set("data", reply.data());
        } else {
            body.putObject("data");
        }
        publish(requestTopic + DeviceTopics.REPLY_SUFFIX, body);
    }

    /** A request of the platform's own, such as a lifecycle notice: {@code {"id","version","method","params"}}. */
    void request(String topic, String method) {
        request(topic, method, json.createObjectNode());
    }

    void request(String topic, String method, ObjectNode params) {
        request(topic, nextId(), method, params);
    }

    /** A request whose reply the caller matches by {@code id}. */
    void request(String topic, String id, String method, JsonNode params) {
        ObjectNode body =
                json.createObjectNode().put("id", id).put("version", "1.0").put("method", method);
        body.set("params", params);
        publish(topic, body);
    }

    String nextId() {
        return "helio-" + noticeIds.incrementAndGet();
    }

    /** Hands a dynamically activated device its own secret on its activation topic. */
    void activationInfo(DeviceAddress device, String secret) {
        request(
                PendingActivations.topic(device),
                "thing.activate.info",
                json.createObjectNode()
                        .put("assetId", device.device().value())
                        .put("productKey", device.product().value())
                        .put("deviceKey", device.device().value())
                        .put("deviceSecret", secret));
    }

    private void publish(String topic, ObjectNode body) {
        EmbeddedBroker.publish(broker, topic, json.writeValueAsBytes(body), PLATFORM_CLIENT_ID);
    }
}
