package io.helio.platform.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Something a device reports as it happens, with its output parameters. */
public record ThingEvent(
        PointId id, @Nullable String name, @Nullable String description, List<Parameter> outputs)
        implements ModelElement {

    public ThingEvent {
        outputs = List.copyOf(outputs);
        ModelElement.requireDistinct(outputs, "output");
    }

    @Override
    public String kind() {
        return "event";
    }
}
