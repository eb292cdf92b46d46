package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.DeviceSessions;
import io.helio.platform.model.GatewayConnections;
import io.helio.platform.model.ProductKey;
import io.moquette.broker.Server;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Device sessions on this node's embedded broker: lifecycle notices go to the device's own topics,
 * and closing drops every session it holds, and the connections that act for it as a gateway (an
 * edge bridge's). Closing waits a moment first, so that a notice published just before reaches the device.
 */
class MqttDeviceSessions implements DeviceSessions {

    private static final Duration NOTICE_FLUSH = Duration.ofMillis(200);

    private final Server broker;
    private final DevicePublisher publisher;
    private final ConnectedDevices connected;
    private final GatewaySessions gateways;
    private final ConnectionRecorder connections;
    private final List<GatewayConnections> gatewayConnections;

    MqttDeviceSessions(
            Server broker,
            DevicePublisher publisher,
            ConnectedDevices connected,
            GatewaySessions gateways,
            ConnectionRecorder connections,
            List<GatewayConnections> gatewayConnections) {
        this.broker = broker;
        this.publisher = publisher;
        this.connected = connected;
        this.gateways = gateways;
        this.connections = connections;
        this.gatewayConnections = gatewayConnections;
    }

    @Override
    public Mono<Void> logout(DeviceRef gateway, DeviceRef subDevice) {
        return Mono.fromRunnable(() -> {
            DeviceAddress sub = new DeviceAddress(subDevice.product(), subDevice.device());
            gateways.sessionOf(sub)
                    .filter(session -> gateways.logout(session, sub))
                    .ifPresent(session -> connections.offline(sub));
        });
    }

    @Override
    public Mono<Void> notify(ProductKey product, DeviceKey device, Notice notice) {
        return Mono.fromRunnable(() -> {
            if (!connected.clientIds(new DeviceAddress(product, device)).isEmpty()) {
                publisher.request("/sys/" + product + "/" + device + "/" + notice.topic(), notice.method());
            }
        });
    }

    @Override
    public Mono<Void> close(ProductKey product, DeviceKey device) {
        Mono<Void> gateways = Flux.fromIterable(gatewayConnections)
                .concatMap(links -> links.close(product, device))
                .then();
        var clients = connected.clientIds(new DeviceAddress(product, device));
        if (clients.isEmpty()) {
            return gateways;
        }
        return Mono.delay(NOTICE_FLUSH)
                .doOnNext(tick -> clients.forEach(broker::disconnectClient))
                .then(gateways);
    }
}
