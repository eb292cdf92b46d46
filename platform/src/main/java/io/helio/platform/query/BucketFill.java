package io.helio.platform.query;

import io.helio.platform.api.model.FillPolicy;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.timeseries.AggregateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the empty buckets of an aggregation as InfluxDB's {@code fill()} would, but over the whole
 * answer: slices from a rollup and from raw data are filled as one series.
 */
final class BucketFill {

    private BucketFill() {}

    /** One row per device and bucket (only the non-empty ones for NONE), by bucket, then in the devices' order. */
    static List<AggregateRow> fill(List<AggregateRow> rows, Series series, FillPolicy fill, List<Instant> grid) {
        Map<DeviceKey, Map<Long, Map<String, Object>>> byDevice = new HashMap<>();
        Set<Long> buckets = new HashSet<>();
        for (AggregateRow row : rows) {
            long bucket = row.bucket().toEpochMilli();
            byDevice.computeIfAbsent(row.device(), device -> new HashMap<>())
                    .merge(bucket, row.values(), BucketFill::merged);
            buckets.add(bucket);
        }
        if (fill != FillPolicy.NONE) {
            grid.forEach(bucket -> buckets.add(bucket.toEpochMilli()));
        }
        long[] times = buckets.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(times);
        List<DeviceKey> devices = series.devices();
        AggregateRow[][] cells = new AggregateRow[times.length][devices.size()];
        for (int d = 0; d < devices.size(); d++) {
            Map<Long, Map<String, Object>> found = byDevice.getOrDefault(devices.get(d), Map.of());
            if (fill == FillPolicy.NONE) {
                for (int t = 0; t < times.length; t++) {
                    Map<String, Object> values = found.get(times[t]);
                    if (values != null) {
                        cells[t][d] = new AggregateRow(devices.get(d), Instant.ofEpochMilli(times[t]), values);
                    }
                }
            } else {
                filledColumns(devices.get(d), d, found, series, fill, times, cells);
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

    private static void filledColumns(
            DeviceKey device,
            int column,
            Map<Long, Map<String, Object>> found,
            Series series,
            FillPolicy fill,
            long[] times,
            AggregateRow[][] cells) {
        List<Map<String, Object>> values = new ArrayList<>(times.length);
        for (int t = 0; t < times.length; t++) {
            values.add(new LinkedHashMap<>());
        }
        for (String point : series.points().keySet()) {
            Object[] filled = new Object[times.length];
            for (int t = 0; t < times.length; t++) {
                filled[t] = found.getOrDefault(times[t], Map.of()).get(point);
            }
            fillColumn(filled, times, fill);
            for (int t = 0; t < times.length; t++) {
                values.get(t).put(point, filled[t]);
            }
        }
        for (int t = 0; t < times.length; t++) {
            cells[t][column] = new AggregateRow(device, Instant.ofEpochMilli(times[t]), values.get(t));
        }
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
