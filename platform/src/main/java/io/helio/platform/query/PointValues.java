package io.helio.platform.query;

import io.helio.platform.model.MeasurePoint;
import io.helio.platform.timeseries.FieldNames;
import io.helio.platform.timeseries.StoredValues;
import java.util.LinkedHashMap;
import java.util.Map;

/** Values by field in their stored form, as the API shows them: typed, a point with a quality flag as {@code {value, quality}}. */
final class PointValues {

    private PointValues() {}

    static Map<String, Object> present(
            Map<String, Object> byField, Map<String, MeasurePoint> points, StoredValues stored) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (MeasurePoint point : points.values()) {
            String id = point.id().value();
            Object value = byField.get(id);
            if (value == null) {
                continue;
            }
            Object typed = stored.read(value, point.type().dataType());
            Object quality = point.hasQuality() ? byField.get(FieldNames.quality(id)) : null;
            if (point.hasQuality()) {
                Map<String, Object> withQuality = new LinkedHashMap<>();
                withQuality.put("value", typed);
                if (quality != null) {
                    withQuality.put("quality", quality);
                }
                shown.put(id, withQuality);
            } else {
                shown.put(id, typed);
            }
        }
        return shown;
    }
}
