package io.helio.platform.query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link OffsetDateTime} exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does
 * (seconds always, the fraction only as long as it needs, {@code Z} for UTC), by hand: the
 * formatter's field-by-field printing was 15 % of a large aggregated answer's CPU. Years beyond
 * four digits and offsets with seconds, which no query produces, go to the formatter.
 */
final class IsoTimeSerializer extends StdSerializer<OffsetDateTime> {

    IsoTimeSerializer() {
        super(OffsetDateTime.class);
    }

    /** The time last written in an answer, and its text. */
    private record Written(OffsetDateTime time, String text) {}

    @Override
    public void serialize(OffsetDateTime time, JsonGenerator generator, SerializationContext context) {
        // an aggregated answer writes the same time (the same object) for each device of a bucket
        if (context.getAttribute(Written.class) instanceof Written last && last.time() == time) {
            generator.writeString(last.text());
            return;
        }
        String text = format(time);
        context.setAttribute(Written.class, new Written(time, text));
        generator.writeString(text);
    }

    static String format(OffsetDateTime time) {
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (time.getYear() < 0 || time.getYear() > 9999 || offsetSeconds % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        char[] text = new char[35];
        int at = digits(text, 0, time.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, time.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, time.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, time.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, time.getSecond(), 2);
        at = fraction(text, at, time.getNano());
        return new String(text, 0, offset(text, at, offsetSeconds));
    }

    /** ".5", ".123", ".000001": nine digits less the trailing zeros; nothing for a whole second. */
    private static int fraction(char[] text, int at, int nanos) {
        if (nanos == 0) {
            return at;
        }
        text[at++] = '.';
        int end = digits(text, at, nanos, 9);
        while (text[end - 1] == '0') {
            end--;
        }
        return end;
    }

    private static int offset(char[] text, int at, int offsetSeconds) {
        if (offsetSeconds == 0) {
            text[at] = 'Z';
            return at + 1;
        }
        text[at++] = offsetSeconds < 0 ? '-' : '+';
        int minutes = Math.abs(offsetSeconds) / 60;
        at = digits(text, at, minutes / 60, 2);
        text[at++] = ':';
        return digits(text, at, minutes % 60, 2);
    }

    /** {@code value} in exactly {@code width} digits, zero-padded. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
