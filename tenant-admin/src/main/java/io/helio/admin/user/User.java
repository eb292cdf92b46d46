package io.helio.admin.user;

import io.helio.admin.tenant.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A person who logs in; operators have no tenant. */
public record User(String username, @Nullable TenantId tenant, Role role, Instant createdAt) {}
