package io.helio.platform.connect;

import io.moquette.broker.Server;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes to devices through the embedded broker: replies to their requests, and notices of the
 * platform's own. At QoS 0: a device that misses a reply times out and sends again, which the
 * protocol allows; and Moquette 0.17 double-releases internally published QoS 1 messages when their
 * PUBACK arrives, which stalls the session loop of every client that shares it.
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
        broker.internalPublish(
                MqttMessageBuilders.publish()
                        .topicName(topic)
                        .qos(MqttQoS.AT_MOST_ONCE)
                        .retained(false)
                        .payload(Unpooled.wrappedBuffer(json.writeValueAsBytes(body)))
                        .build(),
                PLATFORM_CLIENT_ID);
    }
}
