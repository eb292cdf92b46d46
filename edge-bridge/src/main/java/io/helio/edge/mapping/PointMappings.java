package io.helio.edge.mapping;

import io.helio.edge.DeviceKeys;
import io.helio.edge.EdgeProperties;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a device's local measure points into its model's: each mapped point is renamed and its
 * numbers converted (model = local × scale + offset: a plain number, the {@code value} of a point
 * with a quality flag, each number of an array); other values keep their value, unmapped points
 * pass unchanged.
 */
public final class PointMappings {

    private final Map<DeviceKeys, Map<String, EdgeProperties.PointMapping>> byDevice = new HashMap<>();

    public PointMappings(Iterable<EdgeProperties.Device> devices) {
        devices.forEach(device -> byDevice.put(device.keys(), Map.copyOf(device.points())));
    }

    /** The model's measure points for a device's local ones ({@code {"name": value, ...}}). */
    public ObjectNode apply(String productKey, String deviceKey, JsonNode measurepoints) {
        Map<String, EdgeProperties.PointMapping> mappings =
                byDevice.getOrDefault(new DeviceKeys(productKey, deviceKey), Map.of());
        ObjectNode mapped = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> point : measurepoints.properties()) {
            EdgeProperties.PointMapping mapping = mappings.get(point.getKey());
            if (mapping == null) {
                mapped.set(point.getKey(), point.getValue());
            } else {
                String name = mapping.to() == null || mapping.to().isBlank() ? point.getKey() : mapping.to();
                mapped.set(name, convert(point.getValue(), mapping));
            }
        }
        return mapped;
    }

    private static JsonNode convert(JsonNode value, EdgeProperties.PointMapping mapping) {
        if (mapping.scale() == 1 && mapping.offset() == 0) {
            return value; // a rename: the value keeps its type
        }
        if (value.isNumber()) {
            return JsonNodeFactory.instance.numberNode(value.asDouble() * mapping.scale() + mapping.offset());
        }
        if (value.isObject() && value.has("value")) {
            ObjectNode withQuality = ((ObjectNode) value).deepCopy();
            withQuality.set("value", convert(value.get("value"), mapping));
            return withQuality;
        }
        if (value.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> items.add(convert(item, mapping)));
            return items;
        }
        return value;
    }
}
