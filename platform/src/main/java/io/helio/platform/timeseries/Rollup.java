package io.helio.platform.timeseries;

import java.time.Duration;
import java.time.Instant;

/**
 * The rollups tenant-admin provisions in every tenant's database (its {@code provisioning.Rollup}):
 * a retention policy each, filled by a continuous query that recomputes the last {@code lookBack}
 * every {@code interval}.
 */
public enum Rollup {
    MINUTE("rollup_1m", Duration.ofMinutes(1)),
    HOUR("rollup_1h", Duration.ofHours(1));

    private final String policy;
    private final Duration interval;

    Rollup(String policy, Duration interval) {
        this.policy = policy;
        this.interval = interval;
    }

    public Duration interval() {
        return interval;
    }

    String policy() {
        return policy;
    }

    /**
     * Until when the rollup is complete at {@code now}: its continuous query runs just after each
     * interval ends, so the interval before the current one is the last that is surely done.
     */
    public Instant completeUntil(Instant now) {
        long width = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), width) * width - width);
    }
}
