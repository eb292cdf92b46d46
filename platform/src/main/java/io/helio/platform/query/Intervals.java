package io.helio.platform.query;

import java.time.Duration;

/** Bucket widths as the API writes them: a whole number of seconds, minutes, hours or days ({@code 15m}). */
final class Intervals {

    private Intervals() {}

    /** Parses what the API's pattern ({@code [1-9][0-9]{0,7}[smhd]}) already let through. */
    static Duration parse(String interval) {
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not an interval: " + interval);
        };
    }
}
