package io.helio.platform.connect;

import io.helio.platform.model.DeviceDirectory;
import io.helio.protocol.broker.EmbeddedBroker;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows devices' sessions (status, last seen) and receives what they publish. Moquette 0.17 hands
 * each interceptor a payload of its own to release (its {@code AbstractInterceptHandler} does): it is
 * copied and released here, and the request is then handled asynchronously.
 */
class DeviceMessageInterceptor extends AbstractInterceptHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceMessageInterceptor.class);

    private final DeviceRequestDispatcher dispatcher;
    private final ConnectedDevices connected;
    private final PendingActivations activations;
    private final DeviceDirectory directory;
    private final DevicePublisher publisher;
    private final GatewaySessions gateways;
    private final ConnectionRecorder connections;
    private final ObjectProvider<DeviceCommandListener> commandListeners;
    private final JsonMapper json;
    private final Clock clock;

    DeviceMessageInterceptor(
            DeviceRequestDispatcher dispatcher,
            ConnectedDevices connected,
            PendingActivations activations,
            DeviceDirectory directory,
            DevicePublisher publisher,
            GatewaySessions gateways,
            ConnectionRecorder connections,
            ObjectProvider<DeviceCommandListener> commandListeners,
            JsonMapper json,
            Clock clock) {
        this.dispatcher = dispatcher;
        this.connected = connected;
        this.activations = activations;
        this.directory = directory;
        this.publisher = publisher;
        this.gateways = gateways;
        this.connections = connections;
        this.commandListeners = commandListeners;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A dynamically activated device gets its secret once it listens on its activation topic; a
     * device that listens on its own topics may be sent the commands that wait for it.
     */
    @Override
    public void onSubscribe(InterceptSubscribeMessage message) {
        DeviceTopics.parse(message.getTopicFilter())
                .filter(own -> message.getTopicFilter().startsWith("/sys/"))
                .ifPresent(own -> CommandTopicFilter.services(own.path())
                        .ifPresent(services -> commandListeners.forEach(
                                listener -> listener.listening(own.product(), own.device(), services))));
        activations
                .take(message.getClientID(), message.getTopicFilter())
                .ifPresent(device -> directory
                        .credentials(device.product(), device.device())
                        .subscribe(
                                credentials -> publisher.activationInfo(device, credentials.secret()),
                                failure -> log.warn("could not send {} its secret", device, failure)));
    }

    @Override
    public String getID() {
        return "helio-device-requests";
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        byte[] payload = EmbeddedBroker.payload(message);
        if (DevicePublisher.PLATFORM_CLIENT_ID.equals(message.getClientID())) {
            return;
        }
        Optional<DeviceTopics.SysTopic> reply =
                DeviceTopics.parse(message.getTopicName()).filter(DeviceTopics.SysTopic::isReply);
        if (reply.isPresent()) {
            replied(reply.get(), payload);
        } else {
            dispatcher.dispatch(message.getClientID(), message.getTopicName(), payload, clock.instant());
        }
    }

    /** A device's answer to a command (the topic policy lets only the device or its gateway publish it). */
    private void replied(DeviceTopics.SysTopic topic, byte[] payload) {
        JsonNode answer;
        try {
            answer = json.readTree(payload);
        } catch (JacksonException notJson) {
            log.debug("{} replied with something that is not JSON", topic);
            return;
        }
        commandListeners.forEach(listener -> listener.replied(topic.product(), topic.device(), answer));
    }

    @Override
    public void onConnect(InterceptConnectMessage message) {
        DeviceAddress.fromUsername(message.getUsername()).ifPresent(device -> {
            connected.connected(device, message.getClientID());
            connections.online(device);
        });
    }

    @Override
    public void onDisconnect(InterceptDisconnectMessage message) {
        ended(message.getUsername(), message.getClientID());
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage message) {
        ended(message.getUsername(), message.getClientID());
    }

    /** The session's device goes offline if this was its last session, and so do the sub-devices it had logged in. */
    private void ended(String username, String clientId) {
        activations.forget(clientId);
        gateways.ended(clientId).forEach(connections::offline);
        DeviceAddress.fromUsername(username).ifPresent(device -> {
            if (connected.disconnected(device, clientId)) {
                connections.offline(device);
            }
        });
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        log.error("MQTT session loop failed", error);
    }
}
