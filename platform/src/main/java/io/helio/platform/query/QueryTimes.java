package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Times as the query API takes them: ISO-8601 with an offset, or epoch milliseconds. */
public final class QueryTimes {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");

    /** IANA regions (with a '/'), as InfluxDB's tz() knows them, and UTC. */
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") || zone.equals("UTC"))
            .collect(Collectors.toUnmodifiableSet());

    private QueryTimes() {}

    public static Instant parse(String parameter, String text) {
        // a form-encoding client turns an unescaped '+' of an offset into a space
        String time = text.trim().replace(' ', '+');
        if (EPOCH_MILLIS.matcher(time).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(time));
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    PlatformError.INVALID_TIME,
                    parameter + " '" + text + "' is neither ISO-8601 with an offset nor epoch milliseconds");
        }
    }

    public static void requireOrdered(Instant start, Instant end) {
        if (!start.isBefore(end)) {
            throw new ApiException(PlatformError.INVALID_TIME_RANGE, "start " + start + " is not before end " + end);
        }
    }

    /** An IANA region (or UTC) as InfluxDB's tz() knows it; fixed offsets are not zones there. */
    static ZoneId zone(String name) {
        if (ZONES.contains(name)) {
            return ZoneId.of(name);
        }
        throw new ApiException(
                PlatformError.INVALID_AGGREGATION,
                "timeZone '" + name + "' is not an IANA time zone such as Asia/Shanghai");
    }
}
