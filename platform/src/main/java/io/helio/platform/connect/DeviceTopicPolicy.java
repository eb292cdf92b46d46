package io.helio.platform.connect;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device may publish and subscribe only under its own topic trees, and a gateway also under those
 * of the sub-devices it has logged in. The user name was verified at CONNECT, so it names the device. A device that publishes elsewhere is disconnected: MQTT 3.1.1 has
 * no way to refuse a single publish, and silence would hide the fault from it.
 */
final class DeviceTopicPolicy implements IAuthorizatorPolicy {

    private static final Logger log = LoggerFactory.getLogger(DeviceTopicPolicy.class);

    private final Consumer<String> disconnect;
    private final GatewaySessions gateways;

    DeviceTopicPolicy(Consumer<String> disconnect, GatewaySessions gateways) {
        this.disconnect = disconnect;
        this.gateways = gateways;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        boolean allowed = mayUse(topic.toString(), user, client);
        if (!allowed) {
            log.warn("device '{}' published on '{}', which is not its own: disconnecting it", user, topic);
            disconnect.accept(client);
        }
        return allowed;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        boolean allowed = mayUse(topic.toString(), user, client);
        if (!allowed) {
            log.info("device '{}' may not subscribe to '{}'", user, topic);
        }
        return allowed;
    }

    /** Its own topics, and those of the sub-devices this (gateway) session has logged in. */
    private boolean mayUse(String topic, String user, String client) {
        return DeviceAddress.fromUsername(user)
                        .map(device -> device.owns(topic))
                        .orElse(false)
                || gateways.mayUse(client, topic);
    }
}
