package io.helio.admin.tenant;

/** What a tenant may use: device counts, and rates per second that the platform enforces. */
public record Quotas(
        int devices,
        int connectedDevices,
        int messagesPerSecond,
        int pointsPerSecond,
        int apiRequestsPerSecond,
        int rawRetentionDays) {

    /** What a new tenant gets until the operator says otherwise. */
    public static final Quotas DEFAULT = new Quotas(10_000, 10_000, 1_000, 20_000, 100, 365);

    public Quotas {
        if (devices < 0
                || connectedDevices < 0
                || messagesPerSecond < 1
                || pointsPerSecond < 1
                || apiRequestsPerSecond < 1
                || rawRetentionDays < 1) {
            throw new IllegalArgumentException("quotas must be positive (device counts may be 0)");
        }
    }
}
