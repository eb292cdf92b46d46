package io.helio.platform.edge;

import io.helio.platform.model.DeviceRef;
import io.helio.platform.tenancy.TenantId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An authenticated edge connection: whose it is, its gateway device, the sub-devices it may act for
 * (read at connection, read again when a frame names another device), the highest sequence number
 * answered in order (everything up to it is stored or was refused for good) and the last one
 * written to the database.
 */
final class EdgeSession {

    private final TenantId tenant;
    private final DeviceRef gateway;
    private volatile Set<DeviceRef> subDevices;
    private final Set<DeviceRef> online = ConcurrentHashMap.newKeySet();
    private volatile long lastSeq;
    private volatile long persistedSeq;
    private volatile long persistedAt;

    EdgeSession(TenantId tenant, DeviceRef gateway, Set<DeviceRef> subDevices, long lastSeq) {
        this.tenant = tenant;
        this.gateway = gateway;
        this.subDevices = Set.copyOf(subDevices);
        this.lastSeq = lastSeq;
        this.persistedSeq = lastSeq;
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

    /** Notes a device's presence; whether it changed. */
    boolean present(DeviceRef device, boolean present) {
        return present ? online.add(device) : online.remove(device);
    }

    /** The devices present through this edge now (the gateway among them once admitted). */
    Set<DeviceRef> present() {
        return Set.copyOf(online);
    }

    void subDevices(Set<DeviceRef> current) {
        subDevices = Set.copyOf(current);
    }

    boolean seen(long seq) {
        return seq <= lastSeq;
    }

    /** Every frame up to {@code seq} has its final answer. */
    void answered(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Whether the answered sequence should be written now: it moved, and the last write is older than {@code everyMillis}. */
    boolean persistDue(long nowMillis, long everyMillis) {
        return lastSeq > persistedSeq && nowMillis - persistedAt >= everyMillis;
    }

    void persisted(long seq, long atMillis) {
        persistedSeq = Math.max(persistedSeq, seq);
        persistedAt = atMillis;
    }
}
