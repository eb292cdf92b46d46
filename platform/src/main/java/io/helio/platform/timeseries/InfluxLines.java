package io.helio.platform.timeseries;

import java.util.List;
import java.util.Map;

/**
 * The point schema in line protocol: measurement = product key, tag {@value #DEVICE_TAG} = device
 * key, one field per measure point (its quality flag beside it), millisecond timestamps. Events go to
 * the measurement {@code {productKey}}{@value #EVENTS_SUFFIX} with the event's identifier as tag
 * {@value #EVENT_TAG} and one field per output parameter.
 *
 * <p>Encoded here rather than with influxdb-java's {@code Point}, whose number formatting
 * ({@code DecimalFormat}) was the hottest code of the ingest path.
 */
public final class InfluxLines {

    static final String DEVICE_TAG = "device";
    static final String EVENT_TAG = "event";
    static final String EVENTS_SUFFIX = ".events";

    private InfluxLines() {}

    /** The samples as line protocol, one line each. */
    public static String encode(List<MeasurePointSample> samples) {
        StringBuilder lines = new StringBuilder(samples.size() * 128);
        for (MeasurePointSample sample : samples) {
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            appendLine(lines, sample);
        }
        return lines.toString();
    }

    /** What {@link #eachSeriesAndTime} reads back of a line. */
    @FunctionalInterface
    interface SeriesAndTime {
        void accept(String measurement, String device, long epochMillis);
    }

    /**
     * Of each line of {@code lines} as {@link #encode} wrote them: its measurement, its device and its
     * time in epoch milliseconds. A measurement is a product key (letters and digits), with or without
     * the events' suffix, and a device key has no character that line protocol escapes, so the line
     * starts {@code measurement,device=key} followed by a comma or a space; the time is the line's last
     * word. A line that does not read so is passed over.
     */
    static void eachSeriesAndTime(String lines, SeriesAndTime each) {
        String deviceTag = "," + DEVICE_TAG + "=";
        for (int start = 0; start < lines.length(); ) {
            int end = lines.indexOf('\n', start);
            end = end < 0 ? lines.length() : end;
            int comma = lines.indexOf(',', start);
            int device = comma + deviceTag.length();
            int deviceEnd = endOfTagValue(lines, device, end);
            int lastSpace = lines.lastIndexOf(' ', end - 1);
            if (comma > start
                    && lines.startsWith(deviceTag, comma)
                    && deviceEnd > device
                    && lastSpace > deviceEnd
                    && lastSpace < end - 1) {
                try {
                    each.accept(
                            lines.substring(start, comma),
                            lines.substring(device, deviceEnd),
                            Long.parseLong(lines, lastSpace + 1, end, 10));
                } catch (NumberFormatException notATime) {
                    // not a line of ours
                }
            }
            start = end + 1;
        }
    }

    /** Where the tag value starting at {@code from} ends: at the next comma or space (-1 if not before {@code end}). */
    private static int endOfTagValue(String lines, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = lines.charAt(i);
            if (c == ',' || c == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The measurement a sample is stored in: its product's, or its product's events. */
    static String measurement(MeasurePointSample sample) {
        // a measure point's is the product key as it is: no new string for every line
        return sample.isEvent()
                ? sample.product().value() + EVENTS_SUFFIX
                : sample.product().value();
    }

    private static void appendLine(StringBuilder line, MeasurePointSample sample) {
        escape(line, measurement(sample), false);
        line.append(',').append(DEVICE_TAG).append('=');
        escape(line, sample.device().value(), true);
        if (sample.isEvent()) {
            line.append(',').append(EVENT_TAG).append('=');
            escape(line, sample.event(), true);
        }
        char separator = ' ';
        for (Map.Entry<String, Object> field : sample.values().entrySet()) {
            line.append(separator);
            escape(line, field.getKey(), true);
            line.append('=');
            appendValue(line, field.getValue());
            separator = ',';
        }
        line.append(' ').append(sample.time().toEpochMilli());
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value instanceof Long integer) {
            line.append(integer.longValue()).append('i');
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                throw new IllegalArgumentException("InfluxDB stores no " + number);
            }
            line.append(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            line.append(flag.booleanValue());
        } else if (value instanceof String text) {
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            throw new IllegalArgumentException("no InfluxDB field type for " + value.getClass());
        }
    }

    /** Measurements escape commas and spaces; tag keys, tag values and field keys also equals signs. */
    private static void escape(StringBuilder line, String name, boolean equalsToo) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                line.append('\\');
            }
            line.append(c);
        }
    }
}
