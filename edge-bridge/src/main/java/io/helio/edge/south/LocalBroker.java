package io.helio.edge.south;

import io.helio.edge.EdgeProperties;
import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The site's MQTT broker (Moquette, nothing persisted: what matters is in the buffer). */
public final class LocalBroker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalBroker.class);

    /** The client id the edge publishes its replies and commands as. */
    static final String EDGE_CLIENT_ID = "helio-edge";

    private static final int FRAME_OVERHEAD_BYTES = 1024;

    private final Server broker = new Server();
    private final EdgeProperties.Mqtt properties;
    private final SiteDevices devices;
    /** The broker's interceptor, which publishes through the broker in turn: looked up at start. */
    private final ObjectProvider<LocalMessages> messages;

    private final JsonMapper json;
    private volatile boolean running;

    public LocalBroker(
            EdgeProperties.Mqtt properties,
            SiteDevices devices,
            ObjectProvider<LocalMessages> messages,
            JsonMapper json) {
        this.properties = properties;
        this.devices = devices;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void start() {
        Properties config = new Properties();
        config.setProperty(IConfig.HOST_PROPERTY_NAME, properties.host());
        config.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(properties.port()));
        config.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        config.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        config.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        config.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        config.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "false");
        config.setProperty(
                IConfig.NETTY_MAX_BYTES_PROPERTY_NAME,
                Integer.toString(properties.maxPayloadBytes() + FRAME_OVERHEAD_BYTES));
        try {
            broker.startServer(
                    new MemoryConfig(config),
                    List.of(messages.getObject()),
                    null,
                    new LocalDeviceAuthenticator(devices),
                    new LocalTopicPolicy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the site's MQTT broker on port " + properties.port(), e);
        }
        running = true;
        log.info("site MQTT broker on {}:{}", properties.host(), properties.port());
    }

    /** Publishes to a site device (QoS 0, as the platform does). */
    void publish(String topic, JsonNode body) {
        broker.internalPublish(
                MqttMessageBuilders.publish()
                        .topicName(topic)
                        .qos(MqttQoS.AT_MOST_ONCE)
                        .retained(false)
                        .payload(Unpooled.wrappedBuffer(json.writeValueAsBytes(body)))
                        .build(),
                EDGE_CLIENT_ID);
    }

    @Override
    public void stop() {
        running = false;
        broker.stopServer();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
