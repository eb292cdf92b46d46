package io.helio.platform.model;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a device's attribute values against its thing model: known attributes, right types, required ones present. */
public final class AttributeValues {

    private final JsonMapper json;

    public AttributeValues(JsonMapper json) {
        this.json = json;
    }

    /** The values as they will be stored, or {@link IllegalArgumentException} naming what does not fit. */
    public Map<String, Object> require(ThingModel model, Map<String, Object> values) {
        Map<String, Object> checked = new HashMap<>();
        values.forEach((identifier, value) -> {
            Attribute attribute = model.attribute(identifier)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "attribute '" + identifier + "' is not in thing model '" + model.id() + "'"));
            JsonNode node = json.valueToTree(value);
            try {
                TypedValues.read(attribute.type(), node);
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException("attribute '" + identifier + "': " + e.getMessage(), e);
            }
            checked.put(identifier, json.convertValue(node, Object.class));
        });
        model.elements().attributes().stream()
                .filter(attribute -> attribute.required()
                        && !checked.containsKey(attribute.id().value()))
                .findFirst()
                .ifPresent(missing -> {
                    throw new IllegalArgumentException("attribute '" + missing.id() + "' is required");
                });
        return checked;
    }
}
