package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The only way InfluxQL text is built here: identifiers must already have the strict form of a
 * product key or point identifier, and are quoted; values travel as bound parameters.
 */
final class InfluxQl {

    private static final Pattern SAFE_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}|[A-Za-z0-9]{4,32}");

    private InfluxQl() {}

    static String identifier(String name) {
        if (!SAFE_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe InfluxQL identifier: " + name);
        }
        return quoted(name);
    }

    /** Quotes a name that Helio itself built from safe parts (such as a quality field). */
    static String quoted(String name) {
        if (name.indexOf('"') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not a safe InfluxQL name: " + name);
        }
        return "\"" + name + "\"";
    }

    /** A product's events measurement, {@code "{productKey}.events"}. */
    static String eventsOf(String productKey) {
        identifier(productKey);
        return quoted(productKey + InfluxLines.EVENTS_SUFFIX);
    }

    /**
     * {@code ("tag"::tag = $p0 OR "tag"::tag = $p1 ...)}, binding each value as parameter
     * {@code prefix + i}.
     */
    static String anyOf(String tag, String prefix, List<String> values, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            parameters.put(prefix + i, values.get(i));
            conditions.add(quoted(tag) + "::tag = $" + prefix + i);
        }
        return "(" + String.join(" OR ", conditions) + ")";
    }

    /** The devices' condition, {@code ("device"::tag = $d0 OR ...)}, binding each key as a parameter. */
    static String anyDevice(List<DeviceKey> devices, Map<String, Object> parameters) {
        return anyOf(
                InfluxLines.DEVICE_TAG,
                "d",
                devices.stream().map(DeviceKey::value).toList(),
                parameters);
    }

    /** {@code AND time >= start AND time < end}, in epoch milliseconds. */
    static String timeRange(Instant start, Instant end) {
        return " AND time >= " + start.toEpochMilli() + "ms AND time < " + end.toEpochMilli() + "ms";
    }
}
