package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import tools.jackson.databind.JsonNode;

/**
 * Sends commands to devices on their command topics, as EnOS does, through this node's broker: the
 * command service records them and matches the devices' replies (see {@link DeviceCommandListener}).
 */
public class DeviceCommands {

    private final DevicePublisher publisher;
    private final ConnectedDevices connected;
    private final GatewaySessions gateways;

    DeviceCommands(DevicePublisher publisher, ConnectedDevices connected, GatewaySessions gateways) {
        this.publisher = publisher;
        this.connected = connected;
        this.gateways = gateways;
    }

    /** Whether the device has a session on this node, its own or its gateway's. */
    public boolean reachable(ProductKey product, DeviceKey device) {
        DeviceAddress address = new DeviceAddress(product, device);
        return !connected.clientIds(address).isEmpty()
                || gateways.sessionOf(address).isPresent();
    }

    /**
     * Sends a request the caller identifies ({@code id}) on the device's {@code thing/service/...}
     * topic, for a reply to be matched with: a service's ({@code serviceId}), or
     * {@code measurepoint/set} and {@code measurepoint/get}.
     */
    public void send(ProductKey product, DeviceKey device, String id, String service, JsonNode params) {
        publisher.request(
                "/sys/" + product.value() + "/" + device.value() + "/thing/service/" + service,
                id,
                "thing.service." + service.replace('/', '.'),
                params);
    }
}
