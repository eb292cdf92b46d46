package io.helio.edge.south;

import io.helio.edge.EdgeProperties;
import io.helio.protocol.broker.EmbeddedBroker;
import io.moquette.broker.Server;
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
        Properties config = EmbeddedBroker.settings(properties.host(), properties.port(), properties.maxPayloadBytes());
        try {
            EmbeddedBroker.start(
                    broker,
                    config,
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

    /** Publishes to a site device (see {@link EmbeddedBroker#publish}). */
    void publish(String topic, JsonNode body) {
        EmbeddedBroker.publish(broker, topic, json.writeValueAsBytes(body), EDGE_CLIENT_ID);
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
