package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;

/** What device authentication needs: whose device it is and the secret its signature uses. */
public record DeviceCredentials(TenantId tenant, ProductKey product, DeviceKey device, String secret) {}
