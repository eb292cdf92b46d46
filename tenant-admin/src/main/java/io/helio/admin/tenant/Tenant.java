package io.helio.admin.tenant;

import java.time.Instant;

public record Tenant(TenantId id, String name, TenantStatus status, Quotas quotas, Instant createdAt) {}
