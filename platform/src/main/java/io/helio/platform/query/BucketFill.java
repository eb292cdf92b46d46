package io.helio.platform.query;

import io.helio.platform.api.model.FillPolicy;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.timeseries.AggregateRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fills the empty buckets of an aggregation as InfluxDB's {@code fill()} would, but over the whole
 * answer: slices from a rollup and from raw data are filled as one series.
 */
final class BucketFill {

    private BucketFill() {}

    /** One row per device and bucket (only the non-empty ones for NONE), by bucket, then in the devices' order. */
    static List<AggregateRow> fill(List<AggregateRow> rows, Series series, FillPolicy fill, List<Instant> grid) {
        Map<DeviceKey, TreeMap<Instant, Map<String, Object>>> byDevice = new HashMap<>();
        for (AggregateRow row : rows) {
            byDevice.computeIfAbsent(row.device(), device -> new TreeMap<>())
                    .computeIfAbsent(row.bucket(), bucket -> new HashMap<>())
                    .putAll(row.values());
        }
        List<AggregateRow> filled = new ArrayList<>();
        for (DeviceKey device : series.devices()) {
            TreeMap<Instant, Map<String, Object>> found = byDevice.getOrDefault(device, new TreeMap<>());
            TreeSet<Instant> buckets = new TreeSet<>(found.keySet());
            if (fill != FillPolicy.NONE) {
                buckets.addAll(grid);
            }
            List<Instant> times = List.copyOf(buckets);
            Map<String, Object[]> columns = new LinkedHashMap<>();
            for (String point : series.points().keySet()) {
                Object[] column = new Object[times.size()];
                for (int i = 0; i < column.length; i++) {
                    column[i] = found.getOrDefault(times.get(i), Map.of()).get(point);
                }
                fillColumn(column, times, fill);
                columns.put(point, column);
            }
            for (int i = 0; i < times.size(); i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map.Entry<String, Object[]> column : columns.entrySet()) {
                    values.put(column.getKey(), column.getValue()[i]);
                }
                filled.add(new AggregateRow(device, times.get(i), values));
            }
        }
        filled.sort(Comparator.comparing(AggregateRow::bucket)); // stable: devices keep their order
        return filled;
    }

    private static void fillColumn(Object[] column, List<Instant> times, FillPolicy fill) {
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
    private static void interpolate(Object[] column, List<Instant> times) {
        int previous = -1;
        for (int i = 0; i < column.length; i++) {
            if (column[i] == null) {
                continue;
            }
            if (previous >= 0 && i - previous > 1) {
                double from = ((Number) column[previous]).doubleValue();
                double to = ((Number) column[i]).doubleValue();
                double span = times.get(i).toEpochMilli() - times.get(previous).toEpochMilli();
                for (int gap = previous + 1; gap < i; gap++) {
                    double at =
                            times.get(gap).toEpochMilli() - times.get(previous).toEpochMilli();
                    column[gap] = from + (to - from) * at / span;
                }
            }
            previous = i;
        }
    }
}
