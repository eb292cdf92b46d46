package io.helio.platform.model;

/** INACTIVE until the device first connects; ONLINE while connected; OFFLINE after; DISABLED when refused. */
public enum DeviceStatus {
    INACTIVE,
    ONLINE,
    OFFLINE,
    DISABLED
}
