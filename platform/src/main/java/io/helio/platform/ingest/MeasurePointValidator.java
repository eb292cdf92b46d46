package io.helio.platform.ingest;

import io.helio.platform.model.DataType;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingModel;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks the params of {@code thing.measurepoint.post} against the thing model and types each value:
 * every point must be in the model and carry a value of its type. Nothing is stored unless all are.
 */
final class MeasurePointValidator {

    private MeasurePointValidator() {}

    static MeasurePointSample sample(
            ThingModel model, ProductKey product, DeviceKey device, JsonNode params, Instant receivedAt) {
        JsonNode points = params.path("measurepoints");
        if (!points.isObject() || points.isEmpty()) {
            throw new InvalidPayloadException("params.measurepoints must be an object with at least one point");
        }
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : points.properties()) {
            MeasurePoint definition = model.measurePoint(entry.getKey())
                    .orElseThrow(() -> new InvalidPayloadException(
                            "measure point '" + entry.getKey() + "' is not in thing model '" + model.id() + "'"));
            values.put(entry.getKey(), typed(definition, entry.getValue()));
        }
        return new MeasurePointSample(product, device, time(params.path("time"), receivedAt), values);
    }

    private static Instant time(JsonNode time, Instant receivedAt) {
        if (time.isMissingNode() || time.isNull()) {
            return receivedAt;
        }
        if (!time.isIntegralNumber() || !time.canConvertToLong() || time.asLong() < 0) {
            throw new InvalidPayloadException("params.time must be epoch milliseconds");
        }
        return Instant.ofEpochMilli(time.asLong());
    }

    private static Object typed(MeasurePoint point, JsonNode value) {
        if (value.isObject()) {
            throw new InvalidPayloadException(
                    "measure point '" + point.id() + "' does not declare a quality flag;" + " send its value alone");
        }
        DataType type = point.dataType();
        Object typed = switch (type) {
            case INT -> exactLong(value);
            case FLOAT, DOUBLE -> value.isNumber() ? value.asDouble() : null;
            case BOOL -> value.isBoolean() ? value.asBoolean() : null;
            case STRING -> value.isString() ? value.asString() : null;
        };
        if (typed == null) {
            throw new InvalidPayloadException("measure point '" + point.id() + "' is " + type + ", not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return typed;
    }

    /** An integer, or a number with no fractional part that fits a long: lossless, nothing else. */
    private static Long exactLong(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.asLong() : null;
        }
        if (value.isNumber()) {
            double number = value.asDouble();
            boolean whole = number == Math.rint(number) && Math.abs(number) < 0x1p53;
            return whole ? (long) number : null;
        }
        return null;
    }
}
