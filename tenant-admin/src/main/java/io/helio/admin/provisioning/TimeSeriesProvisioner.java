package io.helio.admin.provisioning;

import io.helio.admin.tenant.TenantId;

/** Creates, retains and removes a tenant's time-series storage. */
public interface TimeSeriesProvisioner {

    /** Creates the tenant's storage, keeping raw data for {@code rawRetentionDays}. */
    void provision(TenantId tenant, int rawRetentionDays);

    /** Keeps the tenant's raw data for {@code rawRetentionDays} from now on; older data goes. */
    void retain(TenantId tenant, int rawRetentionDays);

    /** Brings every tenant's rollups to the current definition; answers how many it changed. */
    int upgradeRollups();

    /**
     * Gives every tenant's retention policies the current definition (rollups kept as configured, shard
     * group spans); answers how many it changed.
     */
    int upgradePolicies();

    /** Removes the tenant's time series, all of them. Idempotent. */
    void deprovision(TenantId tenant);
}
