package io.helio.platform.timeseries;

import io.helio.platform.model.DataType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns values as InfluxDB keeps them back into the thing model's types: INT, ENUM and TIMESTAMP as
 * integers, FLOAT and DOUBLE as doubles, arrays and structs from the JSON text they are stored as.
 */
public final class StoredValues {

    private final JsonMapper json;

    public StoredValues(JsonMapper json) {
        this.json = json;
    }

    /** A value from an InfluxDB answer. */
    Object read(JsonNode value, DataType type) {
        return switch (type) {
            case INT, ENUM, TIMESTAMP -> value.asLong();
            case FLOAT, DOUBLE -> value.asDouble();
            case BOOL -> value.asBoolean();
            case STRING, DATE -> value.asString();
            case ARRAY, STRUCT -> json.readValue(value.asString(), Object.class);
        };
    }

    /**
     * The value at the parser's current token (not null), as {@link #read(JsonNode, DataType)} reads
     * it from a tree; FLOAT and DOUBLE values as {@link StoredNumber}s.
     */
    Object read(JsonParser value, DataType type) {
        return switch (type) {
            case INT, ENUM, TIMESTAMP -> value.getValueAsLong();
            case FLOAT, DOUBLE ->
                value.currentToken().isNumeric()
                        ? StoredNumber.of(value.getString())
                        : (Object) value.getValueAsDouble();
            case BOOL -> value.currentToken() == JsonToken.VALUE_TRUE;
            case STRING, DATE -> value.getString();
            case ARRAY, STRUCT -> json.readValue(value.getString(), Object.class);
        };
    }

    /** A value from an InfluxDB answer in the form ingestion stores it (arrays and structs as JSON text). */
    Object storedForm(JsonNode value, DataType type) {
        return type == DataType.ARRAY || type == DataType.STRUCT ? value.asString() : read(value, type);
    }

    /** A value as ingestion typed it for storage (so arrays and structs are JSON text). */
    public Object read(Object stored, DataType type) {
        return (type == DataType.ARRAY || type == DataType.STRUCT) && stored instanceof String text
                ? json.readValue(text, Object.class)
                : stored;
    }
}
