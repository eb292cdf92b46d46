package io.helio.protocol.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.interception.InterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * What the platform's broker and an edge's site broker (both Moquette 0.17, embedded) do alike:
 * their settings, how an interceptor takes a publish's payload, and how they publish to a device.
 */
public final class EmbeddedBroker {

    /** Room for the MQTT header around the largest payload answered; beyond it the broker drops the connection. */
    private static final int FRAME_OVERHEAD_BYTES = 65_536;

    /**
     * Moquette passes every publish, a device's or one to a device, through one of a few session
     * queues (one per core). When a queue is full it does not wait: it logs "Session command queue …
     * is full" and drops the publish, so a device's QoS 1 post goes unanswered or a reply is lost.
     * The default (1,024) filled with 1,000 devices keeping 8 posts in flight each; this bounds a
     * queue still, at some tens of megabytes.
     */
    private static final int SESSION_QUEUE_SIZE = 32_768;

    private EmbeddedBroker() {}

    /**
     * Devices only, signed in (no anonymous clients, no empty client ids), nothing persisted, no
     * WebSocket listener, no telemetry, frames up to {@code maxPayloadBytes} and a header, session
     * queues of {@value #SESSION_QUEUE_SIZE}.
     */
    public static Properties settings(String host, int port, int maxPayloadBytes) {
        Properties config = new Properties();
        config.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        config.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        config.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        config.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        config.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        config.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        config.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "false");
        config.setProperty(
                IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(maxPayloadBytes + FRAME_OVERHEAD_BYTES));
        config.setProperty(BrokerConstants.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
        return config;
    }

    /**
     * Starts the broker with {@code settings} (see {@link #settings}) and its subscriptions in an
     * {@link ExactTopicSubscriptions}, put in place of Moquette's own directory before any client can
     * subscribe: authentication waits until it is. Stops the broker again when that fails.
     */
    public static void start(
            Server broker,
            Properties settings,
            List<? extends InterceptHandler> handlers,
            @Nullable ISslContextCreator tls,
            IAuthenticator authenticator,
            IAuthorizatorPolicy policy)
            throws IOException {
        CountDownLatch replaced = new CountDownLatch(1);
        IAuthenticator onceReplaced = (clientId, username, password) -> {
            try {
                replaced.await();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return false;
            }
            return authenticator.checkValid(clientId, username, password);
        };
        broker.startServer(new MemoryConfig(settings), handlers, tls, onceReplaced, policy);
        try {
            ExactTopicSubscriptions.replaceIn(broker);
        } catch (RuntimeException e) {
            broker.stopServer();
            throw e;
        } finally {
            replaced.countDown();
        }
    }

    /**
     * A publish's payload, copied: Moquette hands each interceptor a reference of its own to release,
     * and one kept holds the connection's whole read buffer.
     */
    public static byte[] payload(InterceptPublishMessage message) {
        try {
            return ByteBufUtil.getBytes(message.getPayload());
        } finally {
            message.getPayload().release();
        }
    }

    /**
     * Publishes to whoever subscribed to {@code topic}, at QoS 0: a device that misses it asks again,
     * as the protocol allows, and Moquette 0.17 double-releases internally published QoS 1 messages
     * when their PUBACK arrives.
     */
    public static void publish(Server broker, String topic, byte[] payload, String clientId) {
        broker.internalPublish(
                MqttMessageBuilders.publish()
                        .topicName(topic)
                        .qos(MqttQoS.AT_MOST_ONCE)
                        .retained(false)
                        .payload(Unpooled.wrappedBuffer(payload))
                        .build(),
                clientId);
    }
}
