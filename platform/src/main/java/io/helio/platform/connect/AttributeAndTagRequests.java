package io.helio.platform.connect;

import io.helio.errors.ApiException;
import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A device's own attributes and tags: {@code thing.attribute.update/query/delete} and
 * {@code thing.tag.update/query/delete}, checked against its model as the API checks them.
 */
class AttributeAndTagRequests implements DeviceRequestHandler {

    /** The most attributes or tags one update may carry, as in EnOS. */
    static final int MAX_ENTRIES = 200;

    private final DeviceService devices;
    private final JsonMapper json;

    AttributeAndTagRequests(DeviceService devices, JsonMapper json) {
        this.devices = devices;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of(
                "thing.attribute.update",
                "thing.attribute.query",
                "thing.attribute.delete",
                "thing.tag.update",
                "thing.tag.query",
                "thing.tag.delete");
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        boolean attributes = request.method().startsWith("thing.attribute.");
        String field = attributes ? "attributes" : "tags";
        JsonNode params = request.params().path(field);
        return switch (request.method().substring(request.method().lastIndexOf('.') + 1)) {
            case "update" ->
                change(
                        request,
                        attributes
                                ? DeviceService.Change.ofAttributes(
                                        updates(params, field, value -> json.convertValue(value, Object.class)))
                                : DeviceService.Change.ofTags(
                                        updates(params, field, AttributeAndTagRequests::tagValue)));
            case "delete" ->
                change(
                        request,
                        attributes
                                ? DeviceService.Change.ofAttributes(removals(params, field))
                                : DeviceService.Change.ofTags(removals(params, field)));
            default ->
                devices.get(
                                request.device().tenant(),
                                request.device().product(),
                                request.device().device())
                        .map(device -> selected(attributes ? device.attributes() : device.tags(), params, field));
        };
    }

    private Mono<JsonNode> change(DeviceRequest request, DeviceService.Change change) {
        return devices.update(
                        request.device().tenant(),
                        request.device().product(),
                        request.device().device(),
                        change)
                .map(device -> (JsonNode) json.createObjectNode())
                .onErrorMap(ApiException.class, e -> new InvalidPayloadException(e.getMessage()));
    }

    private static <V> Map<String, @Nullable V> updates(JsonNode params, String field, Function<JsonNode, V> value) {
        if (!params.isObject() || params.isEmpty()) {
            throw new InvalidPayloadException("params." + field + " must be an object with at least one entry");
        }
        if (params.size() > MAX_ENTRIES) {
            throw new InvalidPayloadException("at most " + MAX_ENTRIES + " " + field + " per update");
        }
        Map<String, @Nullable V> values = new HashMap<>();
        params.properties().forEach(entry -> values.put(entry.getKey(), value.apply(entry.getValue())));
        return values;
    }

    private static String tagValue(JsonNode value) {
        if (!value.isString()) {
            throw new InvalidPayloadException("tag values must be strings");
        }
        return value.asString();
    }

    private static <V> Map<String, @Nullable V> removals(JsonNode params, String field) {
        if (!params.isArray() || params.isEmpty()) {
            throw new InvalidPayloadException("params." + field + " must be a list of names");
        }
        Map<String, @Nullable V> removals = new HashMap<>();
        params.forEach(name -> removals.put(name.asString(), null));
        return removals;
    }

    /** The named entries, or all of them when the request names none. */
    private JsonNode selected(Map<String, ?> values, JsonNode names, String field) {
        ObjectNode data = json.createObjectNode();
        ObjectNode selected = data.putObject(field);
        values.forEach((name, value) -> {
            boolean wanted = !names.isArray()
                    || names.isEmpty()
                    || names.valueStream().anyMatch(n -> n.asString().equals(name));
            if (wanted) {
                selected.set(name, json.valueToTree(value));
            }
        });
        return data;
    }
}
