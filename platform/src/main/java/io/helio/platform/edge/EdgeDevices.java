package io.helio.platform.edge;

import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.TopologyService;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** Whether an edge may act for a device: its gateway, or one of the gateway's sub-devices (read again on a miss). */
class EdgeDevices {

    private final TopologyService topology;

    EdgeDevices(TopologyService topology) {
        this.topology = topology;
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
}
