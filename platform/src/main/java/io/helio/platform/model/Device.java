package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;

/** A device, an instance of its product's thing model. Its secret is never part of it. */
public record Device(TenantId tenant, ProductKey product, DeviceKey key, String name, Instant createdAt) {}
