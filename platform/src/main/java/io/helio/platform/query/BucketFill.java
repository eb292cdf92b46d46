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

    /**
     * One row per device and bucket (only the non-empty ones for NONE), by bucket, then in the devices'
     * order. The slices' rows are passed on as they are where nothing was merged into them or filled.
     */
    static List<AggregateRow> fill(List<AggregateRow> rows, Series series, FillPolicy fill, List<Instant> grid) {
        long[] times = bucketTimes(rows, fill == FillPolicy.NONE ? List.of() : grid);
        List<DeviceKey> devices = series.devices();
        Map<DeviceKey, Integer> columns = new HashMap<>();
        for (int d = 0; d < devices.size(); d++) {
            columns.put(devices.get(d), d);
        }
        // found[device][bucket]: what the slices had, by position in the sorted times (no boxed keys)
        AggregateRow[][] found = new AggregateRow[devices.size()][times.length];
        for (AggregateRow row : rows) {
            Integer d = columns.get(row.device());
            if (d != null) {
                int t = Arrays.binarySearch(times, row.bucket().toEpochMilli());
                found[d][t] = found[d][t] == null ? row : merged(found[d][t], row);
            }
        }
        if (fill != FillPolicy.NONE) {
            for (int d = 0; d < devices.size(); d++) {
                found[d] = filledColumn(found[d], devices.get(d), series, fill, times);
            }
        }
        List<AggregateRow> ordered = new ArrayList<>(times.length * devices.size());
        for (int t = 0; t < times.length; t++) {
            for (AggregateRow[] ofDevice : found) {
                if (ofDevice[t] != null) {
                    ordered.add(ofDevice[t]);
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

    /** A device's rows at every bucket, each point's gaps filled. */
    private static AggregateRow[] filledColumn(
            AggregateRow[] found, DeviceKey device, Series series, FillPolicy fill, long[] times) {
        List<Map<String, Object>> values = new ArrayList<>(times.length);
        for (int t = 0; t < times.length; t++) {
            values.add(new LinkedHashMap<>());
        }
        for (String point : series.points().keySet()) {
            Object[] filled = new Object[times.length];
            for (int t = 0; t < times.length; t++) {
                filled[t] = found[t] == null ? null : found[t].values().get(point);
            }
            fillColumn(filled, times, fill);
            for (int t = 0; t < times.length; t++) {
                values.get(t).put(point, filled[t]);
            }
        }
        AggregateRow[] rows = new AggregateRow[times.length];
        for (int t = 0; t < times.length; t++) {
            rows[t] = new AggregateRow(device, Instant.ofEpochMilli(times[t]), values.get(t));
        }
        return rows;
    }

    private static AggregateRow merged(AggregateRow one, AggregateRow other) {
        Map<String, Object> both = new HashMap<>(one.values());
        both.putAll(other.values());
        return new AggregateRow(one.device(), one.bucket(), both);
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
