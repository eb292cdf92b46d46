package io.helio.platform.timeseries;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * The point schema in line protocol: measurement = product key, tag {@value #DEVICE_TAG} = device
 * key, one field per measure point (its quality flag beside it), millisecond timestamps. Events go to
 * the measurement {@code {productKey}}{@value #EVENTS_SUFFIX} with the event's identifier as tag
 * {@value #EVENT_TAG} and one field per output parameter.
 */
public final class InfluxLines {

    static final String DEVICE_TAG = "device";
    static final String EVENT_TAG = "event";
    static final String EVENTS_SUFFIX = ".events";

    private InfluxLines() {}

    /** The samples as line protocol, one line each. */
    public static String encode(List<MeasurePointSample> samples) {
        StringBuilder lines = new StringBuilder(samples.size() * 96);
        for (MeasurePointSample sample : samples) {
            Point.Builder point = Point.measurement(sample.product().value() + (sample.isEvent() ? EVENTS_SUFFIX : ""))
                    .time(sample.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                    .tag(DEVICE_TAG, sample.device().value());
            if (sample.isEvent()) {
                point.tag(EVENT_TAG, sample.event());
            }
            for (Map.Entry<String, Object> value : sample.values().entrySet()) {
                addField(point, value.getKey(), value.getValue());
            }
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            lines.append(point.build().lineProtocol(TimeUnit.MILLISECONDS));
        }
        return lines.toString();
    }

    private static void addField(Point.Builder point, String field, Object value) {
        if (value instanceof Long integer) {
            point.addField(field, integer.longValue());
        } else if (value instanceof Double number) {
            point.addField(field, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            point.addField(field, flag.booleanValue());
        } else if (value instanceof String text) {
            point.addField(field, text);
        } else {
            throw new IllegalArgumentException("no InfluxDB field type for " + value.getClass());
        }
    }
}
