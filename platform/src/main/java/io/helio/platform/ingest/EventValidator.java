package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.InvalidValueException;
import io.helio.platform.model.Parameter;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingEvent;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.TypedValues;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks the params of {@code thing.event.{id}.post} against the event the model defines: every
 * value must be one of the event's output parameters and of its type. Nothing is stored otherwise.
 */
final class EventValidator {

    private EventValidator() {}

    static MeasurePointSample sample(
            ThingModel model,
            String eventId,
            ProductKey product,
            DeviceKey device,
            JsonNode params,
            Instant receivedAt) {
        ThingEvent event = model.event(eventId)
                .orElseThrow(() -> new InvalidPayloadException(
                        "event '" + eventId + "' is not in thing model '" + model.id() + "'"));
        JsonNode outputs = params.path("events");
        if (!outputs.isObject() || outputs.isEmpty()) {
            throw new InvalidPayloadException("params.events must be an object with the event's output parameters");
        }
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> output : outputs.properties()) {
            Parameter parameter = event.outputs().stream()
                    .filter(candidate -> candidate.id().value().equals(output.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidPayloadException(
                            "'" + output.getKey() + "' is not an output parameter of event '" + eventId + "'"));
            try {
                values.put(output.getKey(), TypedValues.read(parameter.type(), output.getValue()));
            } catch (InvalidValueException e) {
                throw new InvalidPayloadException("output '" + output.getKey() + "': " + e.getMessage());
            }
        }
        return new MeasurePointSample(
                product, device, MeasurePointValidator.time(params.path("time"), receivedAt), values, eventId);
    }
}
