package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the rows of one InfluxQL answer token by token as it is parsed, instead of building a tree
 * of it first (a sixth of a raw page's cost): each column of a series is known by its name once,
 * and each value is typed by its point as it passes.
 */
final class StreamedAnswer<R> {

    /** How the token of a value column becomes its point's value. */
    @FunctionalInterface
    interface Typing {
        Object read(JsonParser value, MeasurePoint point);
    }

    /** What a row becomes: a raw record, a row of aggregates. */
    @FunctionalInterface
    interface RowOf<R> {
        R row(DeviceKey device, Instant time, Map<String, Object> values);
    }

    private enum Holds {
        TIME,
        DEVICE,
        VALUE,
        QUALITY,
        OTHER
    }

    /** What a series' column holds: of a VALUE or a QUALITY, which point's. */
    private record Column(Holds holds, @Nullable MeasurePoint point) {
        static final Column OTHER = new Column(Holds.OTHER, null);
    }

    /**
     * Where a series' rows keep their values: the ids of its VALUE columns in column order, the index
     * of each column's id (-1 for other columns) and of each flagged point's (-1 when not a column).
     */
    private record Slots(RowValues.Ids ids, int[] byColumn, int[] byFlagged) {
        static Slots of(List<Column> columns, List<MeasurePoint> flagged) {
            List<String> ids = new ArrayList<>();
            int[] byColumn = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                if (column.holds() == Holds.VALUE) {
                    byColumn[c] = ids.size();
                    ids.add(column.point().id().value());
                } else {
                    byColumn[c] = -1;
                }
            }
            RowValues.Ids rowIds = RowValues.Ids.of(ids);
            int[] byFlagged = flagged.stream()
                    .mapToInt(point -> rowIds.indexOf(point.id().value()))
                    .toArray();
            return new Slots(rowIds, byColumn, byFlagged);
        }
    }

    /**
     * Values per chunk of raw rows: about 40 KB of JSON. influxd sends each chunk as soon as it has
     * it, so the platform reads one while influxd reads on; in chunks of 2,000 values the first of a
     * page of 10,000 came in after 40 % of the answer's time, and the whole answer took no longer.
     */
    private static final int CHUNK_VALUES = 2_000;

    /**
     * Chunks of computed rows (aggregates) as large as any series: each comes as one chunk once influxd
     * has it. Splitting them cost influxd time of its own: a day of minute buckets of 10 devices came
     * in 13–15 ms a series a chunk, 16–18 ms in chunks of 666 rows and 21 ms whole.
     */
    private static final int SERIES_A_CHUNK = 1_000_000;

    private final Typing typing;
    private final RowOf<R> rowOf;
    /** The points whose quality flag is read back with their values. */
    private final List<MeasurePoint> flagged;
    /** How many rows to ask InfluxDB for a chunk. */
    private final int chunkRows;

    private final Map<String, DeviceKey> devices = new HashMap<>();
    private final Map<String, Column> columnsByName = new HashMap<>();

    private StreamedAnswer(
            Map<String, MeasurePoint> points, List<DeviceKey> devices, Typing typing, RowOf<R> rowOf, boolean raw) {
        this.typing = typing;
        this.rowOf = rowOf;
        this.flagged =
                raw ? points.values().stream().filter(MeasurePoint::hasQuality).toList() : List.of();
        devices.forEach(device -> this.devices.put(device.value(), device));
        columnsByName.put("time", new Column(Holds.TIME, null));
        columnsByName.put(InfluxLines.DEVICE_TAG, new Column(Holds.DEVICE, null));
        points.values().forEach(point -> columnsByName.put(point.id().value(), new Column(Holds.VALUE, point)));
        flagged.forEach(
                point -> columnsByName.put(FieldNames.quality(point.id().value()), new Column(Holds.QUALITY, point)));
        // a raw row is at most as wide as its time, device, values and flags
        this.chunkRows = raw ? Math.max(1, CHUNK_VALUES / columnsByName.size()) : SERIES_A_CHUNK;
    }

    /**
     * Raw records: values as stored, each with its quality flag where its point has one, about
     * {@value #CHUNK_VALUES} values a chunk.
     */
    static StreamedAnswer<RawRecord> ofRecords(
            StoredValues stored, Map<String, MeasurePoint> points, List<DeviceKey> devices) {
        return new StreamedAnswer<>(
                points,
                devices,
                (value, point) -> stored.read(value, point.type().dataType()),
                RawRecord::new,
                true);
    }

    /** Rows of aggregates, each column named after its point and typed by {@code typing}, a series a chunk. */
    static StreamedAnswer<AggregateRow> ofAggregates(
            Map<String, MeasurePoint> points, List<DeviceKey> devices, Typing typing) {
        return new StreamedAnswer<>(points, devices, typing, AggregateRow::new, false);
    }

    /** How many rows to ask InfluxDB for a chunk of the answer. */
    int chunkRows() {
        return chunkRows;
    }

    /** The rows of every series of the answer; fails as InfluxQueryClient does on an error in it. */
    List<R> rows(JsonParser answer) {
        List<R> rows = new ArrayList<>();
        answer.nextToken();
        eachInArrayOf(answer, "results", () -> eachInArrayOf(answer, "series", () -> series(answer, rows)));
        return rows;
    }

    /**
     * Passes each element of the current object's array {@code name} to {@code element}, skipping its
     * other properties; an {@code error} there (InfluxDB's way to fail the answer or a statement) fails.
     */
    private static void eachInArrayOf(JsonParser answer, String name, Runnable element) {
        expect(answer.currentToken(), JsonToken.START_OBJECT);
        while (answer.nextToken() == JsonToken.PROPERTY_NAME) {
            String property = answer.currentName();
            answer.nextToken();
            if (property.equals(name)) {
                eachElement(answer, element);
            } else if (property.equals("error")) {
                throw InfluxQueryClient.failed(answer.getString());
            } else {
                answer.skipChildren();
            }
        }
    }

    private void series(JsonParser answer, List<R> rows) {
        expect(answer.currentToken(), JsonToken.START_OBJECT);
        List<Column> columns = new ArrayList<>();
        String taggedDevice = "";
        while (answer.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = answer.currentName();
            answer.nextToken();
            switch (name) {
                case "columns" ->
                    eachElement(
                            answer, () -> columns.add(columnsByName.getOrDefault(answer.getString(), Column.OTHER)));
                case "tags" -> taggedDevice = deviceTag(answer);
                case "values" -> {
                    if (columns.isEmpty()) {
                        throw new IllegalStateException("InfluxDB sent a series' values before its columns");
                    }
                    @Nullable DeviceKey device = taggedDevice.isEmpty() ? null : deviceKey(taggedDevice);
                    Slots slots = Slots.of(columns, flagged);
                    eachElement(answer, () -> rows.add(row(answer, columns, slots, device)));
                }
                default -> answer.skipChildren();
            }
        }
    }

    private static String deviceTag(JsonParser answer) {
        String device = "";
        while (answer.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = answer.currentName();
            answer.nextToken();
            if (name.equals(InfluxLines.DEVICE_TAG)) {
                device = answer.getString();
            }
        }
        return device;
    }

    /** A row of a series whose device is {@code seriesDevice} (null when the rows name theirs). */
    private R row(JsonParser answer, List<Column> columns, Slots slots, @Nullable DeviceKey seriesDevice) {
        expect(answer.currentToken(), JsonToken.START_ARRAY);
        long time = 0;
        @Nullable DeviceKey device = seriesDevice;
        RowValues values = new RowValues(slots.ids());
        Map<MeasurePoint, Long> qualities = flagged.isEmpty() ? Map.of() : new HashMap<>();
        int index = 0;
        while (answer.nextToken() != JsonToken.END_ARRAY) {
            int at = index++;
            Column column = at < columns.size() ? columns.get(at) : Column.OTHER;
            if (answer.currentToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (column.holds()) {
                case TIME -> time = answer.getValueAsLong();
                case DEVICE -> device = deviceKey(answer.getString());
                case VALUE -> values.set(slots.byColumn()[at], typing.read(answer, column.point()));
                case QUALITY -> qualities.put(column.point(), answer.getValueAsLong());
                case OTHER -> answer.skipChildren();
            }
        }
        for (int f = 0; f < flagged.size(); f++) {
            int slot = slots.byFlagged()[f];
            Object value = slot < 0 ? null : values.at(slot);
            if (value != null) {
                values.set(slot, withQuality(value, qualities.get(flagged.get(f))));
            }
        }
        if (device == null) {
            throw new IllegalStateException("InfluxDB sent a row without its device");
        }
        return rowOf.row(device, Instant.ofEpochMilli(time), values);
    }

    /** A point that carries a quality flag reads back as the device sent it: value and quality. */
    private static Map<String, Object> withQuality(Object value, @Nullable Long quality) {
        Map<String, Object> withQuality = new LinkedHashMap<>();
        withQuality.put("value", value);
        if (quality != null) {
            withQuality.put("quality", quality);
        }
        return withQuality;
    }

    private DeviceKey deviceKey(String device) {
        DeviceKey known = devices.get(device);
        return known != null ? known : DeviceKey.of(device);
    }

    private static void eachElement(JsonParser answer, Runnable element) {
        if (answer.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(answer.currentToken(), JsonToken.START_ARRAY);
        while (answer.nextToken() != JsonToken.END_ARRAY) {
            element.run();
        }
    }

    private static void expect(JsonToken found, JsonToken expected) {
        if (found != expected) {
            throw new IllegalStateException("InfluxDB's answer has " + found + " where " + expected + " belongs");
        }
    }
}
