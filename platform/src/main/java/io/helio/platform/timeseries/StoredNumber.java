package io.helio.platform.timeseries;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A FLOAT or DOUBLE value read back from InfluxDB, kept as the decimal text InfluxDB wrote and
 * written out as that same text. A raw page of 10,000 values spent a third of its time printing
 * doubles it had just parsed; the text is already the shortest decimal of the double. A whole
 * number gets a ".0" so that it still reads as a floating-point value.
 */
@JsonSerialize(using = StoredNumber.AsWritten.class)
public final class StoredNumber extends Number {

    private final String text;

    private StoredNumber(String text) {
        this.text = text;
    }

    /** {@code text}: a JSON number. */
    static StoredNumber of(String text) {
        boolean whole = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        return new StoredNumber(whole ? text + ".0" : text);
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public long longValue() {
        return (long) doubleValue();
    }

    @Override
    public int intValue() {
        return (int) doubleValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredNumber number && Double.compare(doubleValue(), number.doubleValue()) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(doubleValue());
    }

    @Override
    public String toString() {
        return text;
    }

    static final class AsWritten extends ValueSerializer<StoredNumber> {
        @Override
        public void serialize(StoredNumber number, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(number.text);
        }
    }
}
