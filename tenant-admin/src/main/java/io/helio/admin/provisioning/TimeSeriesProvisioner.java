package io.helio.admin.provisioning;

import io.helio.admin.tenant.TenantId;

/** Creates and removes a tenant's time-series storage. Both are idempotent. */
public interface TimeSeriesProvisioner {

    void provision(TenantId tenant);

    /** Removes the tenant's time series, all of them. */
    void deprovision(TenantId tenant);
}
