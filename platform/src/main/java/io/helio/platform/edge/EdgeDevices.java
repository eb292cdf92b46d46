package io.helio.platform.edge;

import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.TopologyService;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;

/**
 * Whether an edge may act for a device: its gateway, or one of the gateway's sub-devices (read again
 * on a miss); and telling the command service when an edge's devices become reachable through it.
 */
class EdgeDevices {

    private final TopologyService topology;
    private final ObjectProvider<DeviceCommandListener> commandListeners;

    EdgeDevices(TopologyService topology, ObjectProvider<DeviceCommandListener> commandListeners) {
        this.topology = topology;
        this.commandListeners = commandListeners;
    }

    Mono<Boolean> mayActFor(EdgeSession session, DeviceRef device) {
        if (session.mayActFor(device)) {
            return Mono.just(true);
        }
        // a sub-device added since the connection
        return refresh(session).map(current -> session.mayActFor(device));
    }

    /** Reads the gateway's sub-devices again. */
    Mono<Set<DeviceRef>> refresh(EdgeSession session) {
        return topology.subDevices(session.tenant(), session.gateway())
                .collect(Collectors.toSet())
                .doOnNext(session::subDevices);
    }

    /** The commands that waited for the edge's devices go to it now. */
    void announce(EdgeSession session) {
        session.devices()
                .forEach(device -> commandListeners.forEach(
                        listener -> listener.listening(device.product(), device.device(), service -> true)));
    }
}
