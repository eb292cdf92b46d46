package io.helio.admin.tenant;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
