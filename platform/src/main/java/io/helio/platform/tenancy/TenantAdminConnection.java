package io.helio.platform.tenancy;

import io.helio.sdk.HelioAdminClient;
import java.util.function.Supplier;

/** The platform's client of tenant-admin, connected on first use: tenant-admin may start after the platform. */
public class TenantAdminConnection implements Supplier<HelioAdminClient> {

    private final TenancyProperties tenancy;
    private volatile HelioAdminClient client;

    public TenantAdminConnection(TenancyProperties tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public HelioAdminClient get() {
        HelioAdminClient connected = client;
        if (connected == null) {
            connected = HelioAdminClient.connect(tenancy.adminUrl(), tenancy.clientId(), tenancy.clientSecret());
            client = connected;
        }
        return connected;
    }
}
