package io.helio.platform.timeseries;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * When influxd was last seen up, and since which start, as every platform node saw it (table
 * {@code influxd_sightings}, a row per influxd). Kept in PostgreSQL rather than in a node's memory, so
 * that a node which starts after influxd restarted, or with it, still learns what influxd may have
 * missed.
 */
public class InfluxdSightings {

    /** A start of influxd, and the last time a node saw it up since. */
    public record Sighting(Instant started, Instant lastSeen) {}

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final String influxd;

    public InfluxdSightings(DatabaseClient db, TransactionalOperator transactions, String influxdUrl) {
        this.db = db;
        this.transactions = transactions;
        this.influxd = influxdUrl;
    }

    /**
     * Records that influxd, started at {@code started}, was up at {@code now}, and answers the sighting
     * of the earlier start this replaces, once {@code noteMissed} has noted, in the same transaction,
     * what influxd may have missed since it. If that fails (or the node dies first), the new start is
     * not recorded either, and the next check learns of it again. Empty when {@code started} is the
     * start recorded, or older (a node read it just before a restart that another node has recorded
     * since), or nothing was recorded. The row is locked while it is read and changed, so of nodes that
     * see a new start at the same time, one is answered the sighting it replaces.
     */
    Mono<Sighting> replacedBy(Instant started, Instant now, Function<Sighting, Mono<Void>> noteMissed) {
        return transactions.transactional(replacedBy(started, now)
                .flatMap(replaced -> noteMissed.apply(replaced).thenReturn(replaced)));
    }

    private Mono<Sighting> replacedBy(Instant started, Instant now) {
        return db.sql("WITH previous AS (SELECT started, last_seen FROM influxd_sightings WHERE influxd = :influxd"
                        + " FOR UPDATE), recorded AS (INSERT INTO influxd_sightings AS s (influxd, started, last_seen)"
                        + " VALUES (:influxd, :started, :now) ON CONFLICT (influxd) DO UPDATE SET last_seen = CASE"
                        + " WHEN s.started = EXCLUDED.started THEN GREATEST(s.last_seen, EXCLUDED.last_seen)"
                        + " ELSE EXCLUDED.last_seen END, started = EXCLUDED.started"
                        + " WHERE EXCLUDED.started >= s.started)"
                        + " SELECT started, last_seen FROM previous WHERE started < :started")
                .bind("influxd", influxd)
                .bind("started", started.atOffset(ZoneOffset.UTC))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> new Sighting(
                        row.get("started", OffsetDateTime.class).toInstant(),
                        row.get("last_seen", OffsetDateTime.class).toInstant()))
                .one();
    }
}
