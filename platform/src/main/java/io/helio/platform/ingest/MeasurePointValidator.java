package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.InvalidValueException;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.TypedValues;
import io.helio.platform.timeseries.FieldNames;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks the params of {@code thing.measurepoint.post} against the thing model and types each value:
 * every point must be in the model and carry a value of its type (with its quality flag when the
 * point declares one). Nothing is stored unless all points are valid.
 */
final class MeasurePointValidator {

    /** How far ahead of the platform's clock a device's time may be (clocks drift; years do not). */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private MeasurePointValidator() {}

    static MeasurePointSample sample(
            ThingModel model, ProductKey product, DeviceKey device, JsonNode params, Instant receivedAt) {
        return validate(model, product, device, params, receivedAt, false).sample();
    }

    /** A sample of the valid points and, when asked to skip invalid ones, why each other was left out. */
    record Validated(MeasurePointSample sample, Map<String, String> skipped) {}

    /**
     * Types every point; an invalid point fails the whole, unless {@code skipInvalid}: then it is left
     * out and named with its reason (and a sample with no valid point left fails after all).
     */
    static Validated validate(
            ThingModel model,
            ProductKey product,
            DeviceKey device,
            JsonNode params,
            Instant receivedAt,
            boolean skipInvalid) {
        JsonNode points = params.path("measurepoints");
        if (!points.isObject() || points.isEmpty()) {
            throw new InvalidPayloadException("params.measurepoints must be an object with at least one point");
        }
        Map<String, Object> values = new HashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : points.properties()) {
            try {
                MeasurePoint definition = model.measurePoint(entry.getKey())
                        .orElseThrow(() -> new InvalidPayloadException(
                                "measure point '" + entry.getKey() + "' is not in thing model '" + model.id() + "'"));
                addValue(definition, entry.getValue(), values);
            } catch (InvalidPayloadException invalid) {
                if (!skipInvalid) {
                    throw invalid;
                }
                skipped.put(entry.getKey(), invalid.getMessage());
            }
        }
        if (values.isEmpty()) {
            throw new InvalidPayloadException("no valid measure point: " + skipped.values());
        }
        return new Validated(
                new MeasurePointSample(product, device, time(params.path("time"), receivedAt), values), skipped);
    }

    /** Adds the point's value and its quality, or neither when either is invalid. */
    private static void addValue(MeasurePoint point, JsonNode sent, Map<String, Object> values) {
        String id = point.id().value();
        JsonNode value = sent;
        JsonNode quality = null;
        if (point.hasQuality() && sent.isObject()) {
            value = sent.path("value");
            quality = sent.path("quality");
            if (!quality.isIntegralNumber() || !quality.canConvertToLong()) {
                throw new InvalidPayloadException("measure point '" + id + "' needs an integer quality");
            }
        } else if (sent.isObject() && point.type().fields().isEmpty()) {
            throw new InvalidPayloadException(
                    "measure point '" + id + "' does not declare a quality flag; send its value alone");
        }
        try {
            values.put(id, TypedValues.read(point.type(), value));
        } catch (InvalidValueException e) {
            throw new InvalidPayloadException("measure point '" + id + "': " + e.getMessage());
        }
        if (quality != null) {
            values.put(FieldNames.quality(id), quality.asLong());
        }
    }

    /** The sample's time: given, or when it was received; never more than {@link #MAX_AHEAD} ahead of that. */
    static Instant time(JsonNode time, Instant receivedAt) {
        if (time.isMissingNode() || time.isNull()) {
            return receivedAt;
        }
        if (!time.isIntegralNumber() || !time.canConvertToLong() || time.asLong() < 0) {
            throw new InvalidPayloadException("params.time must be epoch milliseconds");
        }
        Instant given = Instant.ofEpochMilli(time.asLong());
        if (given.isAfter(receivedAt.plus(MAX_AHEAD))) {
            throw new InvalidPayloadException(
                    "params.time " + given + " is more than " + MAX_AHEAD.toHours() + " h in the future");
        }
        return given;
    }
}
