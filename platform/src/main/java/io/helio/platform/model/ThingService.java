package io.helio.platform.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An operation the cloud may invoke on a device, synchronously (waiting for its reply) or not. */
public record ThingService(
        PointId id,
        @Nullable String name,
        @Nullable String description,
        CallType callType,
        List<Parameter> inputs,
        List<Parameter> outputs)
        implements ModelElement {

    public enum CallType {
        SYNC,
        ASYNC
    }

    public ThingService {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        ModelElement.requireDistinct(inputs, "input");
        ModelElement.requireDistinct(outputs, "output");
    }

    @Override
    public String kind() {
        return "service";
    }
}
