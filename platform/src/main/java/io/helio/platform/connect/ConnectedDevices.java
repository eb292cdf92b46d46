package io.helio.platform.connect;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The MQTT sessions of each device on this node, by client id (a device may hold more than one). */
class ConnectedDevices {

    private final ConcurrentHashMap<DeviceAddress, Set<String>> sessions = new ConcurrentHashMap<>();

    void connected(DeviceAddress device, String clientId) {
        sessions.computeIfAbsent(device, key -> ConcurrentHashMap.newKeySet()).add(clientId);
    }

    /** Forgets the session; true when it was the device's last one here. */
    boolean disconnected(DeviceAddress device, String clientId) {
        boolean[] last = {false};
        sessions.computeIfPresent(device, (key, clients) -> {
            clients.remove(clientId);
            last[0] = clients.isEmpty();
            return clients.isEmpty() ? null : clients;
        });
        return last[0];
    }

    /** The devices connected to this node right now. */
    Set<DeviceAddress> devices() {
        return Set.copyOf(sessions.keySet());
    }

    Set<String> clientIds(DeviceAddress device) {
        return Set.copyOf(sessions.getOrDefault(device, Set.of()));
    }
}
