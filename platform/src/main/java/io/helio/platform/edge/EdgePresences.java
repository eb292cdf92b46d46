package io.helio.platform.edge;

import io.helio.platform.connect.ConnectionRecorder;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.protocol.edge.EdgePresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Devices' status through their edge: the gateway is ONLINE while its edge is connected; a site
 * device while the edge reports it connected (only the gateway's own devices); all of them OFFLINE
 * when the edge's connection ends — but for those another connection of the edge has present (an
 * edge that reconnected before its old connection was seen to end).
 */
class EdgePresences {

    private static final Logger log = LoggerFactory.getLogger(EdgePresences.class);

    private final EdgeDevices devices;
    private final ConnectionRecorder connections;
    private final EdgeSessions sessions;

    EdgePresences(EdgeDevices devices, ConnectionRecorder connections, EdgeSessions sessions) {
        this.devices = devices;
        this.connections = connections;
        this.sessions = sessions;
    }

    void admitted(EdgeSession session) {
        mark(session, session.gateway(), true);
    }

    Mono<Void> reported(EdgeSession session, EdgePresence presence) {
        DeviceRef device;
        try {
            device = new DeviceRef(ProductKey.of(presence.productKey()), DeviceKey.of(presence.deviceKey()));
        } catch (IllegalArgumentException malformed) {
            return Mono.empty();
        }
        return devices.mayActFor(session, device)
                .doOnNext(allowed -> {
                    if (allowed) {
                        mark(session, device, presence.online());
                    } else {
                        log.info("edge {} reported {}, which is not its device", session.gateway(), device);
                    }
                })
                .then();
    }

    void closed(EdgeSession session) {
        session.present().stream()
                .filter(device -> !sessions.presentElsewhere(session, device))
                .forEach(device -> mark(session, device, false));
    }

    private void mark(EdgeSession session, DeviceRef device, boolean online) {
        if (session.present(device, online)) {
            connections.connected(device.product(), device.device(), online);
        }
    }
}
