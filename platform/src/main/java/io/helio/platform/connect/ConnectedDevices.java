package io.helio.platform.connect;

import io.helio.platform.tenancy.TenantId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The MQTT sessions of each device on this node, by client id (a device may hold more than one), and
 * how many devices each tenant has connected here. Connects and disconnects are rare next to
 * messages, so one lock keeps the counts exact.
 */
class ConnectedDevices {

    private final Map<DeviceAddress, Set<String>> sessions = new HashMap<>();
    private final Map<DeviceAddress, TenantId> tenants = new HashMap<>();
    private final Map<TenantId, Integer> devicesPerTenant = new HashMap<>();

    /** Devices with a session now. */
    synchronized int count() {
        return sessions.size();
    }

    /**
     * Whether the device may connect under its tenant's quota of connected devices: a device already
     * connected may always add a session. CONNECTs in flight at the same moment may overshoot the
     * quota by their number, since a device counts only once its session is open.
     */
    synchronized boolean admits(TenantId tenant, DeviceAddress device, int quota) {
        boolean admitted = sessions.containsKey(device) || devicesPerTenant.getOrDefault(tenant, 0) < quota;
        if (admitted) {
            tenants.put(device, tenant);
        }
        return admitted;
    }

    synchronized void connected(DeviceAddress device, String clientId) {
        Set<String> clients = sessions.computeIfAbsent(device, key -> new HashSet<>());
        TenantId tenant = tenants.get(device);
        if (clients.isEmpty() && tenant != null) {
            devicesPerTenant.merge(tenant, 1, Integer::sum);
        }
        clients.add(clientId);
    }

    /** Forgets the session; true when it was the device's last one here. */
    synchronized boolean disconnected(DeviceAddress device, String clientId) {
        Set<String> clients = sessions.get(device);
        if (clients == null || !clients.remove(clientId) || !clients.isEmpty()) {
            return false;
        }
        sessions.remove(device);
        TenantId tenant = tenants.remove(device);
        if (tenant != null) {
            devicesPerTenant.computeIfPresent(tenant, (key, count) -> count == 1 ? null : count - 1);
        }
        return true;
    }

    /** The devices connected to this node right now. */
    synchronized Set<DeviceAddress> devices() {
        return Set.copyOf(sessions.keySet());
    }

    synchronized Set<String> clientIds(DeviceAddress device) {
        return Set.copyOf(sessions.getOrDefault(device, Set.of()));
    }
}
