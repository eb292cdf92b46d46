package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A gateway's sub-devices within one tenant, the same whether the API or the gateway itself changes them. */
public class TopologyService {

    private final R2dbcTopologyRepository topology;
    private final DeviceService devices;
    private final ProductService products;
    private final DeviceSessions sessions;
    private final Clock clock;

    public TopologyService(
            R2dbcTopologyRepository topology,
            DeviceService devices,
            ProductService products,
            DeviceSessions sessions,
            Clock clock) {
        this.topology = topology;
        this.devices = devices;
        this.products = products;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Mono<Void> add(TenantId tenant, DeviceRef gateway, DeviceRef subDevice) {
        if (gateway.equals(subDevice)) {
            return Mono.error(new ApiException(PlatformError.NOT_A_GATEWAY, "a device cannot be its own sub-device"));
        }
        return devices.get(tenant, gateway.product(), gateway.device())
                .then(products.get(tenant, gateway.product()))
                .flatMap(product -> product.type() == ProductType.GATEWAY
                        ? devices.get(tenant, subDevice.product(), subDevice.device())
                        : Mono.error(new ApiException(
                                PlatformError.NOT_A_GATEWAY,
                                "product '" + product.key() + "' is not a GATEWAY product")))
                .then(topology.add(tenant, gateway, subDevice, clock.instant())
                        .onErrorResume(UniqueViolations.as(new ApiException(
                                PlatformError.SUB_DEVICE_TAKEN, "device " + subDevice + " already has a gateway"))));
    }

    /** Detaches the sub-device; a session of it that the gateway had opened ends. */
    public Mono<Void> remove(TenantId tenant, DeviceRef gateway, DeviceRef subDevice) {
        return devices.get(tenant, gateway.product(), gateway.device())
                .then(topology.remove(tenant, gateway, subDevice))
                .flatMap(removed -> removed
                        ? sessions.logout(gateway, subDevice)
                        : Mono.error(new ApiException(
                                PlatformError.SUB_DEVICE_NOT_FOUND,
                                "device " + subDevice + " is not a sub-device of " + gateway)));
    }

    public Flux<DeviceRef> subDevices(TenantId tenant, DeviceRef gateway) {
        return devices.get(tenant, gateway.product(), gateway.device()).thenMany(topology.subDevices(tenant, gateway));
    }
}
