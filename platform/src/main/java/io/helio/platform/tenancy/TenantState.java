package io.helio.platform.tenancy;

/** What the platform needs to know of a tenant: whether it is suspended, and its quotas. */
public record TenantState(boolean suspended, int maxDevices, int apiRequestsPerSecond) {

    /** How a tenant counts when tenant-admin cannot say: active and unlimited. */
    static final TenantState UNKNOWN = new TenantState(false, Integer.MAX_VALUE, Integer.MAX_VALUE);
}
