package io.helio.platform.command;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.InvalidValueException;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.Parameter;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.ThingService;
import io.helio.platform.model.TypedValues;
import io.helio.platform.model.ValueType;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Whether a command fits the device's model: its service and inputs, or its points and values. */
final class CommandChecks {

    private CommandChecks() {}

    /** Refuses with 400 {@code COMMAND_INVALID} naming what does not fit. */
    static void check(ThingModel model, CommandRecord.Kind kind, @Nullable String serviceId, JsonNode params) {
        switch (kind) {
            case SERVICE -> {
                ThingService service = model.service(serviceId)
                        .orElseThrow(() -> invalid("the model has no service '" + serviceId + "'"));
                for (Map.Entry<String, JsonNode> input : params.properties()) {
                    Parameter parameter = service.inputs().stream()
                            .filter(candidate -> candidate.id().value().equals(input.getKey()))
                            .findFirst()
                            .orElseThrow(
                                    () -> invalid("service '" + serviceId + "' has no input '" + input.getKey() + "'"));
                    typed(parameter.type(), input.getKey(), input.getValue());
                }
            }
            case SET_MEASURE_POINTS -> {
                for (Map.Entry<String, JsonNode> value : params.properties()) {
                    typed(point(model, value.getKey()).type(), value.getKey(), value.getValue());
                }
            }
            case GET_MEASURE_POINTS -> params.forEach(id -> point(model, id.asString()));
        }
    }

    private static MeasurePoint point(ThingModel model, String id) {
        return model.measurePoint(id).orElseThrow(() -> invalid("the model has no measure point '" + id + "'"));
    }

    private static void typed(ValueType type, String name, JsonNode value) {
        try {
            TypedValues.read(type, value);
        } catch (InvalidValueException e) {
            throw invalid("'" + name + "': " + e.getMessage());
        }
    }

    static ApiException invalid(String why) {
        return new ApiException(PlatformError.COMMAND_INVALID, why);
    }
}
