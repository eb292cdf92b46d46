package io.helio.platform.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON value as its model type, or refuses it saying why. The result is what the time series
 * stores: {@link Long} for INT, ENUM and TIMESTAMP; {@link Double} for FLOAT and DOUBLE;
 * {@link Boolean}; {@link String} for STRING and DATE; the compact JSON text for ARRAY and STRUCT.
 * Numbers convert only where nothing is lost (5.0 is the INT 5; 5.5 is not).
 */
public final class TypedValues {

    private TypedValues() {}

    /** The value as stored, or {@link InvalidValueException} saying why it does not fit. */
    public static Object read(ValueType type, JsonNode value) {
        return switch (type.dataType()) {
            case INT, TIMESTAMP -> inRange(type, exactLong(type, value));
            case FLOAT, DOUBLE -> inRange(type, number(type, value));
            case BOOL -> {
                require(value.isBoolean(), type, value);
                yield value.asBoolean();
            }
            case STRING -> {
                require(value.isString(), type, value);
                String text = value.asString();
                if (text.length() > type.effectiveMaxLength()) {
                    throw new InvalidValueException("is longer than " + type.effectiveMaxLength() + " characters");
                }
                yield text;
            }
            case ENUM -> {
                long chosen = exactLong(type, value);
                if (type.enumValues().stream().noneMatch(allowed -> allowed.value() == chosen)) {
                    throw new InvalidValueException("must be one of "
                            + type.enumValues().stream().map(EnumValue::value).toList());
                }
                yield chosen;
            }
            case DATE -> {
                require(value.isString(), type, value);
                try {
                    yield LocalDate.parse(value.asString()).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("must be a date like 2024-05-01");
                }
            }
            case ARRAY -> {
                require(value.isArray(), type, value);
                if (value.size() > type.effectiveMaxSize()) {
                    throw new InvalidValueException("has more than " + type.effectiveMaxSize() + " items");
                }
                value.forEach(item -> read(type.itemType(), item));
                yield value.toString();
            }
            case STRUCT -> {
                require(value.isObject(), type, value);
                for (var entry : value.properties()) {
                    StructField field = type.fields().stream()
                            .filter(candidate -> candidate.id().value().equals(entry.getKey()))
                            .findFirst()
                            .orElseThrow(() -> new InvalidValueException("has no field '" + entry.getKey() + "'"));
                    read(field.type(), entry.getValue());
                }
                yield value.toString();
            }
        };
    }

    /** An integer, or a number with no fractional part that fits a long. */
    private static long exactLong(ValueType type, JsonNode value) {
        require(value.isNumber(), type, value);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        BigDecimal number = value.decimalValue();
        try {
            return number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException("is " + type.dataType() + ", not " + number.toPlainString());
        }
    }

    private static double number(ValueType type, JsonNode value) {
        require(value.isNumber(), type, value);
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw new InvalidValueException("must be a finite number");
        }
        return number;
    }

    private static <T extends Number> T inRange(ValueType type, T value) {
        if (type.min() == null && type.max() == null) {
            return value; // most points have no range, and the exact comparison needs a decimal
        }
        BigDecimal number = new BigDecimal(value.toString());
        if (type.min() != null && number.compareTo(type.min()) < 0) {
            throw new InvalidValueException("is below the minimum " + type.min().toPlainString());
        }
        if (type.max() != null && number.compareTo(type.max()) > 0) {
            throw new InvalidValueException("is above the maximum " + type.max().toPlainString());
        }
        return value;
    }

    private static void require(boolean matches, ValueType type, JsonNode value) {
        if (!matches) {
            throw new InvalidValueException("is " + type.describe() + ", not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }
}
