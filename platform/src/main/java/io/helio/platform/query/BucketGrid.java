package io.helio.platform.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of an aggregation as InfluxDB's {@code GROUP BY time(interval) tz(zone)} forms
 * them: multiples of the interval counted in the zone's local time, so a day starts at local
 * midnight. Across a daylight-saving change a bucket is an hour shorter or longer, as there.
 */
final class BucketGrid {

    private final long width;
    private final ZoneId zone;

    BucketGrid(Duration interval, ZoneId zone) {
        this.width = interval.toMillis();
        this.zone = zone;
    }

    /** The start of the bucket that holds {@code time}. */
    Instant floor(Instant time) {
        long local = time.toEpochMilli() + offsetMillis(time);
        Instant start = Instant.ofEpochMilli(local - Math.floorMod(local, width) - offsetMillis(time));
        long shift = offsetMillis(start) - offsetMillis(time);
        return start.minusMillis(shift);
    }

    /** The first bucket start at or after {@code time}. */
    Instant ceil(Instant time) {
        Instant floor = floor(time);
        return floor.equals(time) ? floor : next(floor);
    }

    Instant next(Instant bucket) {
        Instant next = floor(bucket.plusMillis(width + width / 2));
        return next.isAfter(bucket) ? next : bucket.plusMillis(width);
    }

    /** The starts of the buckets that overlap {@code [start, end)}. */
    List<Instant> between(Instant start, Instant end) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = floor(start); bucket.isBefore(end); bucket = next(bucket)) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** How many buckets overlap {@code [start, end)}, without listing them (to refuse a huge query first). */
    long countBetween(Instant start, Instant end) {
        return (end.toEpochMilli() - floor(start).toEpochMilli() + width - 1) / width;
    }

    /** Whether every bucket border in the range is also a border of {@code coarser}-wide UTC buckets. */
    boolean alignsWith(Duration coarser, Instant start, Instant end) {
        long unit = coarser.toMillis();
        return width % unit == 0 && offsetMillis(start) % unit == 0 && offsetMillis(end) % unit == 0;
    }

    private long offsetMillis(Instant time) {
        return zone.getRules().getOffset(time).getTotalSeconds() * 1000L;
    }
}
