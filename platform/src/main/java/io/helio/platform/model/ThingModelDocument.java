package io.helio.platform.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a model's own elements are stored: one jsonb document per model. This is the persistence
 * form, mapped explicitly so that domain records can change without rewriting stored documents.
 */
final class ThingModelDocument {

    private final JsonMapper json;

    ThingModelDocument(JsonMapper json) {
        this.json = json;
    }

    String write(ThingModelElements elements) {
        ObjectNode document = json.createObjectNode();
        ArrayNode attributes = document.putArray("attributes");
        elements.attributes()
                .forEach(attribute -> element(
                                attributes.addObject(), attribute.id(), attribute.name(), attribute.description())
                        .put("required", attribute.required())
                        .set("type", type(attribute.type())));
        ArrayNode points = document.putArray("measurePoints");
        elements.measurePoints()
                .forEach(point -> element(points.addObject(), point.id(), point.name(), point.description())
                        .put("hasQuality", point.hasQuality())
                        .set("type", type(point.type())));
        ArrayNode services = document.putArray("services");
        elements.services().forEach(service -> {
            ObjectNode node = element(services.addObject(), service.id(), service.name(), service.description())
                    .put("callType", service.callType().name());
            node.set("inputs", parameters(service.inputs()));
            node.set("outputs", parameters(service.outputs()));
        });
        ArrayNode events = document.putArray("events");
        elements.events()
                .forEach(event -> element(events.addObject(), event.id(), event.name(), event.description())
                        .set("outputs", parameters(event.outputs())));
        return json.writeValueAsString(document);
    }

    ThingModelElements read(String text) {
        JsonNode document = json.readTree(text);
        return new ThingModelElements(
                list(
                        document.path("attributes"),
                        node -> new Attribute(
                                id(node),
                                text(node, "name"),
                                text(node, "description"),
                                type(node.path("type")),
                                node.path("required").asBoolean())),
                list(
                        document.path("measurePoints"),
                        node -> new MeasurePoint(
                                id(node),
                                text(node, "name"),
                                text(node, "description"),
                                type(node.path("type")),
                                node.path("hasQuality").asBoolean())),
                list(
                        document.path("services"),
                        node -> new ThingService(
                                id(node),
                                text(node, "name"),
                                text(node, "description"),
                                ThingService.CallType.valueOf(
                                        node.path("callType").asString()),
                                parameters(node.path("inputs")),
                                parameters(node.path("outputs")))),
                list(
                        document.path("events"),
                        node -> new ThingEvent(
                                id(node),
                                text(node, "name"),
                                text(node, "description"),
                                parameters(node.path("outputs")))));
    }

    private static ObjectNode element(
            ObjectNode node, PointId id, @Nullable String name, @Nullable String description) {
        node.put("identifier", id.value());
        if (name != null) {
            node.put("name", name);
        }
        if (description != null) {
            node.put("description", description);
        }
        return node;
    }

    private ArrayNode parameters(List<Parameter> parameters) {
        ArrayNode array = json.createArrayNode();
        parameters.forEach(parameter -> element(array.addObject(), parameter.id(), parameter.name(), null)
                .set("type", type(parameter.type())));
        return array;
    }

    private ObjectNode type(ValueType type) {
        ObjectNode node =
                json.createObjectNode().put("dataType", type.dataType().name());
        if (type.unit() != null) {
            node.put("unit", type.unit());
        }
        if (type.min() != null) {
            node.put("min", type.min());
        }
        if (type.max() != null) {
            node.put("max", type.max());
        }
        if (type.maxLength() != null) {
            node.put("maxLength", type.maxLength());
        }
        if (type.maxSize() != null) {
            node.put("maxSize", type.maxSize());
        }
        if (type.itemType() != null) {
            node.set("itemType", type(type.itemType()));
        }
        ArrayNode values = node.putArray("enumValues");
        type.enumValues()
                .forEach(value -> values.addObject().put("value", value.value()).put("label", value.label()));
        ArrayNode fields = node.putArray("fields");
        type.fields()
                .forEach(field -> element(fields.addObject(), field.id(), field.name(), null)
                        .set("type", type(field.type())));
        return node;
    }

    private static ValueType type(JsonNode node) {
        JsonNode item = node.path("itemType");
        return new ValueType(
                DataType.valueOf(node.path("dataType").asString()),
                text(node, "unit"),
                decimal(node.path("min")),
                decimal(node.path("max")),
                node.has("maxLength") ? node.get("maxLength").asInt() : null,
                list(
                        node.path("enumValues"),
                        value -> new EnumValue(
                                value.path("value").asLong(),
                                value.path("label").asString())),
                item.isObject() ? type(item) : null,
                node.has("maxSize") ? node.get("maxSize").asInt() : null,
                list(
                        node.path("fields"),
                        field -> new StructField(id(field), text(field, "name"), type(field.path("type")))));
    }

    private static List<Parameter> parameters(JsonNode array) {
        return list(array, node -> new Parameter(id(node), text(node, "name"), type(node.path("type"))));
    }

    private static PointId id(JsonNode node) {
        return PointId.of(node.path("identifier").asString());
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(element.apply(node)));
        return items;
    }
}
