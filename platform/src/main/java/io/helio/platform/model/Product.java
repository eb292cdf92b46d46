package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A product: devices of one thing model, plain devices or gateways; whether they may activate
 * themselves with the product secret, and whether they must connect with a client certificate.
 */
public record Product(
        TenantId tenant,
        ProductKey key,
        String name,
        @Nullable String description,
        ModelId model,
        ProductType type,
        boolean dynamicActivation,
        boolean certificateRequired,
        Instant createdAt) {}
