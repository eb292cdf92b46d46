package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.support.PlatformTest;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moquette 0.17 gives each interceptor a reference to the payload of every publish, for it to
 * release: one kept leaks the network buffer it came in (the platform once ran out of direct memory
 * after a few million messages this way).
 */
@PlatformTest
class DeviceMessageInterceptorTest {

    @Autowired
    DeviceRequestDispatcher dispatcher;

    @Autowired
    ConnectedDevices connected;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    DevicePublisher publisher;

    @Autowired
    GatewaySessions gateways;

    @Autowired
    ConnectionRecorder connections;

    @Autowired
    ObjectProvider<DeviceCommandListener> commandListeners;

    @Test
    void everyPublishedPayloadIsReleasedWhetherADeviceOrThePlatformSentIt() {
        DeviceMessageInterceptor interceptor = new DeviceMessageInterceptor(
                dispatcher,
                connected,
                new PendingActivations(),
                directory,
                publisher,
                gateways,
                connections,
                commandListeners,
                JsonMapper.builder().build(),
                Clock.systemUTC());
        for (String client : new String[] {"dev-1|securemode=2|", DevicePublisher.PLATFORM_CLIENT_ID}) {
            MqttPublishMessage message = MqttMessageBuilders.publish()
                    .topicName("/sys/pk000001/dev-1/thing/measurepoint/post")
                    .qos(MqttQoS.AT_LEAST_ONCE)
                    .messageId(1)
                    .payload(Unpooled.copiedBuffer("{\"id\":\"1\",\"params\":{}}", StandardCharsets.UTF_8))
                    .build();
            ByteBuf payload = message.content();
            interceptor.onPublish(new InterceptPublishMessage(message, client, "dev-1&pk000001"));
            assertThat(payload.refCnt()).as(client).isZero();
        }
    }
}
