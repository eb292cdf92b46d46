package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;

/** What device authentication needs: whose device it is, whether it may connect, and its secret. */
public record DeviceCredentials(
        TenantId tenant, ProductKey product, DeviceKey device, DeviceStatus status, String secret) {

    public boolean mayConnect() {
        return status != DeviceStatus.DISABLED;
    }
}
