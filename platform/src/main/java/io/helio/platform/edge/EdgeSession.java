package io.helio.platform.edge;

import io.helio.platform.model.DeviceRef;
import io.helio.platform.tenancy.TenantId;
import java.util.HashSet;
import java.util.Set;

/**
 * An authenticated edge connection: whose it is, its gateway device, the sub-devices it may act for
 * (read at connection, read again when a frame names another device), and the highest sequence
 * number stored. Its frames are handled one after another, so it is not shared between threads at once.
 */
final class EdgeSession {

    private final TenantId tenant;
    private final DeviceRef gateway;
    private volatile Set<DeviceRef> subDevices;
    private volatile long lastSeq;

    EdgeSession(TenantId tenant, DeviceRef gateway, Set<DeviceRef> subDevices, long lastSeq) {
        this.tenant = tenant;
        this.gateway = gateway;
        this.subDevices = Set.copyOf(subDevices);
        this.lastSeq = lastSeq;
    }

    TenantId tenant() {
        return tenant;
    }

    DeviceRef gateway() {
        return gateway;
    }

    boolean mayActFor(DeviceRef device) {
        return gateway.equals(device) || subDevices.contains(device);
    }

    /** The gateway and the sub-devices it may act for. */
    Set<DeviceRef> devices() {
        Set<DeviceRef> all = new HashSet<>(subDevices);
        all.add(gateway);
        return all;
    }

    void subDevices(Set<DeviceRef> current) {
        subDevices = Set.copyOf(current);
    }

    boolean seen(long seq) {
        return seq <= lastSeq;
    }

    void stored(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }
}
