package io.helio.platform.command;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A command sent (or to be sent) to a device, and what became of it. */
public record CommandRecord(
        TenantId tenant,
        UUID commandId,
        ProductKey product,
        DeviceKey device,
        Kind kind,
        @Nullable String serviceId,
        JsonNode params,
        boolean sync,
        Status status,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable Instant completedAt,
        @Nullable Instant expiresAt,
        @Nullable Integer replyCode,
        @Nullable String replyMessage,
        @Nullable Map<String, Object> outputs) {

    public enum Kind {
        SERVICE,
        SET_MEASURE_POINTS,
        GET_MEASURE_POINTS
    }

    public enum Status {
        PENDING,
        SENT,
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        EXPIRED
    }

    /** The part of the device's {@code thing/service/...} topic it goes to. */
    String service() {
        return switch (kind) {
            case SERVICE -> serviceId;
            case SET_MEASURE_POINTS -> "measurepoint/set";
            case GET_MEASURE_POINTS -> "measurepoint/get";
        };
    }

    /** The id its request carries, which the device's reply repeats. */
    String requestId() {
        return commandId.toString();
    }
}
