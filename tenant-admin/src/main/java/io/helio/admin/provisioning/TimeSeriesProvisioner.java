package io.helio.admin.provisioning;

import io.helio.admin.tenant.TenantId;

/** Creates a tenant's time-series storage. Idempotent. */
public interface TimeSeriesProvisioner {

    void provision(TenantId tenant);
}
