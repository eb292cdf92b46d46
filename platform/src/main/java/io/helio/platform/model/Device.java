package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A device, an instance of its product's thing model. Attribute values are as validated against the
 * model (plain JSON values); its secret is never part of it.
 */
public record Device(
        TenantId tenant,
        ProductKey product,
        DeviceKey key,
        String name,
        ZoneId timeZone,
        Map<String, Object> attributes,
        Map<String, String> tags,
        DeviceStatus status,
        @Nullable Instant lastSeen,
        Instant createdAt) {

    public Device {
        attributes = Map.copyOf(attributes);
        tags = Map.copyOf(tags);
    }
}
