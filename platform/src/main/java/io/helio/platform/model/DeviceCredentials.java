package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.util.Set;

/**
 * What device authentication needs: whose device it is, whether it may connect, its secret, and
 * whether it must present one of its registered client certificates (their SHA-256 fingerprints).
 */
public record DeviceCredentials(
        TenantId tenant,
        ProductKey product,
        DeviceKey device,
        DeviceStatus status,
        String secret,
        boolean certificateRequired,
        Set<String> certificates) {

    public boolean mayConnect() {
        return status != DeviceStatus.DISABLED;
    }
}
