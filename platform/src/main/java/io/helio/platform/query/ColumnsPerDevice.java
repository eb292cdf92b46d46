package io.helio.platform.query;

import io.helio.platform.api.model.DeviceColumns;
import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows of one device's values at one time, regrouped as one set of columns per device (in the order
 * the devices first appear): the device's times, and per point one array aligned with them, null
 * where a row has no value for the point. The columnar answers exist because writing one JSON object
 * per record was the largest single cost of a large answer.
 */
final class ColumnsPerDevice {

    private ColumnsPerDevice() {}

    static <R> List<DeviceColumns> of(
            List<R> rows,
            Collection<String> points,
            Function<R, DeviceKey> device,
            Function<R, Instant> time,
            Function<R, Map<String, Object>> values) {
        Map<DeviceKey, DeviceColumns> byDevice = new LinkedHashMap<>();
        for (R row : rows) {
            DeviceColumns columns = byDevice.computeIfAbsent(device.apply(row), key -> empty(key, points));
            columns.getTimestamps().add(time.apply(row).toEpochMilli());
            Map<String, Object> rowValues = values.apply(row);
            columns.getMeasurepoints().forEach((point, column) -> column.add(rowValues.get(point)));
        }
        return new ArrayList<>(byDevice.values());
    }

    private static DeviceColumns empty(DeviceKey device, Collection<String> points) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        points.forEach(point -> columns.put(point, new ArrayList<>()));
        return new DeviceColumns(device.value(), new ArrayList<>(), columns);
    }
}
