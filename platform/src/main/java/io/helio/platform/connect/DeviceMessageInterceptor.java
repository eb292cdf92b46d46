package io.helio.platform.connect;

import io.helio.platform.model.DeviceDirectory;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.netty.buffer.ByteBufUtil;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final Clock clock;

    DeviceMessageInterceptor(
            DeviceRequestDispatcher dispatcher,
            ConnectedDevices connected,
            PendingActivations activations,
            DeviceDirectory directory,
            DevicePublisher publisher,
            GatewaySessions gateways,
            ConnectionRecorder connections,
            Clock clock) {
        this.dispatcher = dispatcher;
        this.connected = connected;
        this.activations = activations;
        this.directory = directory;
        this.publisher = publisher;
        this.gateways = gateways;
        this.connections = connections;
        this.clock = clock;
    }

    /** A dynamically activated device gets its secret once it listens on its activation topic. */
    @Override
    public void onSubscribe(InterceptSubscribeMessage message) {
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
        byte[] payload;
        try {
            payload = ByteBufUtil.getBytes(message.getPayload());
        } finally {
            message.getPayload().release();
        }
        if (!DevicePublisher.PLATFORM_CLIENT_ID.equals(message.getClientID())) {
            dispatcher.dispatch(message.getClientID(), message.getTopicName(), payload, clock.instant());
        }
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
