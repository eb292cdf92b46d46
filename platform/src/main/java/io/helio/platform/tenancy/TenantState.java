package io.helio.platform.tenancy;

/** What the platform needs to know of a tenant: whether it is suspended or deleted, and its quotas. */
public record TenantState(
        boolean suspended,
        boolean deleted,
        int maxDevices,
        int maxConnectedDevices,
        int apiRequestsPerSecond,
        int messagesPerSecond,
        int pointsPerSecond) {

    /** How a tenant counts when tenant-admin cannot say: active and unlimited. */
    static final TenantState UNKNOWN = new TenantState(
            false,
            false,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    /** How a tenant that tenant-admin no longer knows counts: deleted, allowed nothing. */
    static final TenantState DELETED = new TenantState(false, true, 0, 0, 1, 1, 1);

    /** Whether the tenant's applications and devices are turned away. */
    public boolean refused() {
        return suspended || deleted;
    }
}
