package io.helio.platform.model;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A data type with its constraints, refused at construction when they do not fit the type: a range
 * only on numbers and timestamps, a length only on strings, values only on enums, an item type
 * (not itself an array) only on arrays, fields (not themselves structs) only on structs.
 */
public record ValueType(
        DataType dataType,
        @Nullable String unit,
        @Nullable BigDecimal min,
        @Nullable BigDecimal max,
        @Nullable Integer maxLength,
        List<EnumValue> enumValues,
        @Nullable ValueType itemType,
        @Nullable Integer maxSize,
        List<StructField> fields) {

    public static final int DEFAULT_MAX_LENGTH = 1024;
    public static final int DEFAULT_MAX_SIZE = 1000;

    public ValueType {
        enumValues = List.copyOf(enumValues);
        fields = List.copyOf(fields);
        require(
                min == null && max == null || dataType.isRanged(),
                "a range applies only to INT, FLOAT, DOUBLE and TIMESTAMP");
        require(min == null || max == null || min.compareTo(max) <= 0, "min must not exceed max");
        require(maxLength == null || dataType == DataType.STRING, "maxLength applies only to STRING");
        require(enumValues.isEmpty() == (dataType != DataType.ENUM), "ENUM needs enumValues, and only ENUM has them");
        require(distinct(enumValues.stream().map(EnumValue::value).toList()), "enum values must be distinct");
        require((itemType == null) == (dataType != DataType.ARRAY), "ARRAY needs an itemType, and only ARRAY has one");
        require(itemType == null || itemType.dataType() != DataType.ARRAY, "an ARRAY cannot hold arrays");
        require(maxSize == null || dataType == DataType.ARRAY, "maxSize applies only to ARRAY");
        require(fields.isEmpty() == (dataType != DataType.STRUCT), "STRUCT needs fields, and only STRUCT has them");
        require(
                fields.stream().noneMatch(field -> field.type().dataType() == DataType.STRUCT),
                "a STRUCT field cannot be a struct");
        require(distinct(fields.stream().map(StructField::id).toList()), "struct field identifiers must be distinct");
    }

    public int effectiveMaxLength() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }

    public int effectiveMaxSize() {
        return maxSize == null ? DEFAULT_MAX_SIZE : maxSize;
    }

    /**
     * Whether stored values of this type stay readable as {@code other}: the same data type, item type
     * and struct fields. Units, ranges, lengths and enum labels may change freely.
     */
    public boolean sameShapeAs(ValueType other) {
        if (dataType != other.dataType) {
            return false;
        }
        if (itemType != null && (other.itemType == null || !itemType.sameShapeAs(other.itemType))) {
            return false;
        }
        if (fields.size() != other.fields.size()) {
            return false;
        }
        for (StructField field : fields) {
            boolean kept = other.fields.stream()
                    .anyMatch(candidate -> candidate.id().equals(field.id())
                            && candidate.type().sameShapeAs(field.type()));
            if (!kept) {
                return false;
            }
        }
        return true;
    }

    /** How this type reads in a message: {@code INT}, {@code ARRAY<DOUBLE>}, {@code STRUCT{a,b}}. */
    public String describe() {
        if (itemType != null) {
            return "ARRAY<" + itemType.describe() + ">";
        }
        if (!fields.isEmpty()) {
            return "STRUCT{"
                    + String.join(
                            ",",
                            fields.stream().map(field -> field.id().value()).toList()) + "}";
        }
        return dataType.name();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static <T> boolean distinct(List<T> values) {
        Set<T> seen = new HashSet<>();
        return values.stream().filter(Objects::nonNull).allMatch(seen::add);
    }
}
