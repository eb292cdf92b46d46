package io.helio.platform.query;

import io.helio.platform.api.model.FillPolicy;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.timeseries.AggregateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the empty buckets of an aggregation as InfluxDB's {@code fill()} would, but over the whole
 * answer: slices from a rollup and from raw data are filled as one series.
 */
final class BucketFill {

    private BucketFill() {}

    /** One row per device and bucket (only the non-empty ones for NONE), by bucket, then in the devices' order. */
    static List<AggregateRow> fill(List<AggregateRow> rows, Series series, FillPolicy fill, List<Instant> grid) {
        long[] times = bucketTimes(rows, fill == FillPolicy.NONE ? List.of() : grid);
        List<DeviceKey> devices = series.devices();
        Map<DeviceKey, Integer> columns = new HashMap<>();
        for (int d = 0; d < devices.size(); d++) {
            columns.put(devices.get(d), d);
        }
        // found[device][bucket]: what the slices had, by position in the sorted times (no boxed keys)
        @SuppressWarnings("unchecked")
        Map<String, Object>[][] found = new Map[devices.size()][times.length];
        for (AggregateRow row : rows) {
            Integer d = columns.get(row.device());
            if (d != null) {
                int t = Arrays.binarySearch(times, row.bucket().toEpochMilli());
                found[d][t] = found[d][t] == null ? row.values() : merged(found[d][t], row.values());
            }
        }
        Instant[] instants = new Instant[times.length];
        for (int t = 0; t < times.length; t++) {
            instants[t] = Instant.ofEpochMilli(times[t]);
        }
        AggregateRow[][] cells = new AggregateRow[times.length][devices.size()];
        for (int d = 0; d < devices.size(); d++) {
            List<Map<String, Object>> values =
                    fill == FillPolicy.NONE ? Arrays.asList(found[d]) : filledColumn(found[d], series, fill, times);
            for (int t = 0; t < times.length; t++) {
                if (values.get(t) != null) {
                    cells[t][d] = new AggregateRow(devices.get(d), instants[t], values.get(t));
                }
            }
        }
        List<AggregateRow> ordered = new ArrayList<>(times.length * devices.size());
        for (AggregateRow[] atTime : cells) {
            for (AggregateRow cell : atTime) {
                if (cell != null) {
                    ordered.add(cell);
                }
            }
        }
        return ordered;
    }

    /** The distinct buckets of the rows and the grid, in order. */
    private static long[] bucketTimes(List<AggregateRow> rows, List<Instant> grid) {
        long[] times = new long[rows.size() + grid.size()];
        int count = 0;
        for (AggregateRow row : rows) {
            times[count++] = row.bucket().toEpochMilli();
        }
        for (Instant bucket : grid) {
            times[count++] = bucket.toEpochMilli();
        }
        Arrays.sort(times);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || times[i] != times[distinct - 1]) {
                times[distinct++] = times[i];
            }
        }
        return Arrays.copyOf(times, distinct);
    }

    /** A device's values at every bucket, each point's gaps filled. */
    private static List<Map<String, Object>> filledColumn(
            Map<String, Object>[] found, Series series, FillPolicy fill, long[] times) {
        List<Map<String, Object>> values = new ArrayList<>(times.length);
        for (int t = 0; t < times.length; t++) {
            values.add(new LinkedHashMap<>());
        }
        for (String point : series.points().keySet()) {
            Object[] filled = new Object[times.length];
            for (int t = 0; t < times.length; t++) {
                filled[t] = found[t] == null ? null : found[t].get(point);
            }
            fillColumn(filled, times, fill);
            for (int t = 0; t < times.length; t++) {
                values.get(t).put(point, filled[t]);
            }
        }
        return values;
    }

    private static Map<String, Object> merged(Map<String, Object> one, Map<String, Object> other) {
        Map<String, Object> both = new HashMap<>(one);
        both.putAll(other);
        return both;
    }

    private static void fillColumn(Object[] column, long[] times, FillPolicy fill) {
        switch (fill) {
            case PREVIOUS -> {
                for (int i = 1; i < column.length; i++) {
                    if (column[i] == null) {
                        column[i] = column[i - 1];
                    }
                }
            }
            case LINEAR -> interpolate(column, times);
            case NONE, NULL -> {
                // nothing to put in: NONE left empty buckets out, NULL leaves them null
            }
        }
    }

    /** Each gap between two values gets the values on the line between them; a gap at either end stays null. */
    private static void interpolate(Object[] column, long[] times) {
        int previous = -1;
        for (int i = 0; i < column.length; i++) {
            if (column[i] == null) {
                continue;
            }
            if (previous >= 0 && i - previous > 1) {
                double from = ((Number) column[previous]).doubleValue();
                double to = ((Number) column[i]).doubleValue();
                double span = times[i] - times[previous];
                for (int gap = previous + 1; gap < i; gap++) {
                    column[gap] = from + (to - from) * (times[gap] - times[previous]) / span;
                }
            }
            previous = i;
        }
    }
}
