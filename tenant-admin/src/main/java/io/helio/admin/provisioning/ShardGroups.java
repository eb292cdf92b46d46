package io.helio.admin.provisioning;

import java.time.Duration;
import java.util.Optional;

/**
 * How much time one shard group of a retention policy spans. influxd keeps every shard's TSM file and
 * WAL segment open, about two file descriptors a shard, for as long as the shard exists (and 8 for a
 * database's series file). With the spans influxd picks when none is given (a week beyond six months,
 * a day down to two days, an hour below), a tenant with a year of raw data and two years of rollups
 * holds about 260 shards, and one influxd with 20,000 descriptors then carries fewer than 40 tenants.
 * The spans here are InfluxDB's documented recommendations (1.x "schema and data layout"), which are
 * longer: about 40 shards for that tenant. Data expires in whole shard groups, so a policy keeps data
 * for up to one span longer than its duration.
 */
final class ShardGroups {

    private ShardGroups() {}

    /** The span of a policy that keeps data for {@code kept}; zero keeps it for ever. */
    static Duration spanFor(Duration kept) {
        if (kept.isZero()) {
            return Duration.ofDays(7 * 52);
        }
        if (kept.compareTo(Duration.ofDays(1)) <= 0) {
            return Duration.ofHours(6);
        }
        if (kept.compareTo(Duration.ofDays(7)) <= 0) {
            return Duration.ofDays(1);
        }
        return kept.compareTo(Duration.ofDays(90)) <= 0 ? Duration.ofDays(7) : Duration.ofDays(30);
    }

    /** A duration as InfluxQL writes it; every span above is whole hours. */
    static String influxQl(Duration span) {
        return span.toHours() + "h";
    }

    /** A duration as InfluxDB shows it ({@code 8760h0m0s}, {@code 0s}), if it is one. */
    static Optional<Duration> parseShown(Object shown) {
        try {
            return Optional.of(Duration.parse("PT" + String.valueOf(shown).toUpperCase()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
