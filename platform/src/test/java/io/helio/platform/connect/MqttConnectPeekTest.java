package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The CONNECT's credentials are read from bytes that Netty's own MQTT encoder wrote, as they arrive. */
class MqttConnectPeekTest {

    private static final String CLIENT_ID = "meter-1|securemode=2,signmethod=sha256,timestamp=1700000000000|";

    @Test
    void readsTheCredentialsOnceTheWholeConnectHasArrivedAndNotBefore() {
        byte[] connect = encode(MqttMessageBuilders.connect()
                .clientId(CLIENT_ID)
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .username("meter-1&pk1")
                .password("signature".getBytes(StandardCharsets.UTF_8))
                .keepAlive(60)
                .build());

        for (int arrived = 0; arrived < connect.length; arrived++) {
            assertThat(MqttConnectPeek.read(Arrays.copyOf(connect, arrived), arrived))
                    .as("after %d of %d bytes", arrived, connect.length)
                    .isNull();
        }
        assertThat(MqttConnectPeek.read(connect, connect.length))
                .isEqualTo(MqttConnectPeek.ConnectCredentials.of(
                        CLIENT_ID, "meter-1&pk1", "signature".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsPastAWillAndALongRemainingLength() {
        byte[] will = new byte[300];
        byte[] connect = encode(MqttMessageBuilders.connect()
                .clientId(CLIENT_ID)
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .willFlag(true)
                .willTopic("/sys/pk1/meter-1/last-words")
                .willMessage(will)
                .willQoS(MqttQoS.AT_MOST_ONCE)
                .username("meter-1&pk1")
                .password(new byte[] {1, 2, 3})
                .build());

        assertThat(MqttConnectPeek.read(connect, connect.length))
                .isEqualTo(MqttConnectPeek.ConnectCredentials.of(CLIENT_ID, "meter-1&pk1", new byte[] {1, 2, 3}));
    }

    @Test
    void bytesThatDoNotStartWithAConnectHoldNoCredentials() {
        byte[] publish = encode(MqttMessageBuilders.publish()
                .topicName("/sys/pk1/meter-1/thing/measurepoint/post")
                .qos(MqttQoS.AT_MOST_ONCE)
                .payload(UnpooledByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {'{', '}'}))
                .build());

        assertThat(MqttConnectPeek.read(publish, publish.length)).isNull();
        assertThat(MqttConnectPeek.read(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0}, 6))
                .isNull();
    }

    private static byte[] encode(MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.writeOutbound(message);
        ByteBuf encoded = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            channel.finishAndReleaseAll();
        }
    }
}
