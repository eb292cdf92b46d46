package io.helio.platform.connect;

import io.moquette.broker.Server;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Publishes replies to devices through the embedded broker. */
class ReplySender {

    static final String PLATFORM_CLIENT_ID = "helio-platform";

    private final Server broker;
    private final JsonMapper json;

    ReplySender(Server broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
    }

    void send(String requestTopic, DeviceReply reply) {
        ObjectNode body = json.createObjectNode()
                .put("id", reply.id())
                .put("code", reply.code().code())
                .put("message", reply.message());
        body.putObject("data");
        broker.internalPublish(
                MqttMessageBuilders.publish()
                        .topicName(requestTopic + DeviceTopics.REPLY_SUFFIX)
                        .qos(MqttQoS.AT_LEAST_ONCE)
                        .retained(false)
                        .payload(Unpooled.wrappedBuffer(json.writeValueAsBytes(body)))
                        .build(),
                PLATFORM_CLIENT_ID);
    }
}
