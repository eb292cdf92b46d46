package io.helio.platform.timeseries;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A FLOAT or DOUBLE value read back from InfluxDB, kept as the decimal text InfluxDB wrote and
 * written out as that same text. A raw page of 10,000 values spent a third of its time printing
 * doubles it had just parsed; the text is already the shortest decimal of the double. A whole
 * number gets a ".0" so that it still reads as a floating-point value.
 *
 * <p>The text is packed four bits a character into two longs, taken from the parser's characters:
 * kept as a string, each value cost a string, its bytes and the characters they were made from, two
 * fifths of what a raw page allocated. InfluxDB writes a double in at most 24 characters; a longer
 * text is kept as it is.
 */
@JsonSerialize(using = StoredNumber.AsWritten.class)
public final class StoredNumber extends Number {

    /** The characters a JSON number is made of; a character is packed as its index here plus one. */
    private static final String SYMBOLS = "0123456789.eE+-";

    private static final int PACKED = 32;

    /** Characters 0–15 and 16–31, the first in the lowest four bits; 0 ends the text. */
    private final long first;

    private final long second;
    /** The text where it does not fit. */
    private final @Nullable String unpacked;

    private StoredNumber(long first, long second, @Nullable String unpacked) {
        this.first = first;
        this.second = second;
        this.unpacked = unpacked;
    }

    /** {@code text}: a JSON number. */
    static StoredNumber of(String text) {
        return of(text.toCharArray(), 0, text.length());
    }

    /** The JSON number at {@code chars[offset, offset + length)}. */
    static StoredNumber of(char[] chars, int offset, int length) {
        boolean whole = true;
        for (int i = offset; i < offset + length; i++) {
            whole &= chars[i] != '.' && chars[i] != 'e' && chars[i] != 'E';
        }
        if ((whole ? length + 2 : length) > PACKED) {
            return new StoredNumber(0, 0, new String(chars, offset, length) + (whole ? ".0" : ""));
        }
        long first = 0;
        long second = 0;
        for (int at = 0; at < length + (whole ? 2 : 0); at++) {
            char c = at < length ? chars[offset + at] : ".0".charAt(at - length);
            long packed = (long) (symbol(c) + 1) << (4 * (at % 16));
            if (at < 16) {
                first |= packed;
            } else {
                second |= packed;
            }
        }
        return new StoredNumber(first, second, null);
    }

    private static int symbol(char c) {
        int symbol = SYMBOLS.indexOf(c);
        if (symbol < 0) {
            throw new IllegalArgumentException("not a character of a JSON number: '" + c + "'");
        }
        return symbol;
    }

    /** Writes the packed text into {@code chars} from 0; returns its length. */
    private int unpack(char[] chars) {
        int length = 0;
        while (length < PACKED) {
            long part = length < 16 ? first : second;
            int symbol = (int) (part >>> (4 * (length % 16))) & 0xF;
            if (symbol == 0) {
                break;
            }
            chars[length++] = SYMBOLS.charAt(symbol - 1);
        }
        return length;
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(toString());
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
        if (unpacked != null) {
            return unpacked;
        }
        char[] chars = new char[PACKED];
        return new String(chars, 0, unpack(chars));
    }

    static final class AsWritten extends ValueSerializer<StoredNumber> {

        /** Each thread's characters to unpack a number into: a number written allocates nothing. */
        private static final ThreadLocal<char[]> TEXT = ThreadLocal.withInitial(() -> new char[PACKED]);

        @Override
        public void serialize(StoredNumber number, JsonGenerator generator, SerializationContext context) {
            if (number.unpacked != null) {
                generator.writeNumber(number.unpacked);
                return;
            }
            char[] text = TEXT.get();
            generator.writeNumber(text, 0, number.unpack(text));
        }
    }
}
