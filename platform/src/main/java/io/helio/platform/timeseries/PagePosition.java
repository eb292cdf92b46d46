package io.helio.platform.timeseries;

import java.time.Instant;

/**
 * Where the next page of a time-ordered query starts: at the instant {@code time}, after the first
 * {@code skip} records there (records of one instant come in the same order every time the same
 * query runs).
 */
public record PagePosition(Instant time, int skip) {

    public PagePosition {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative");
        }
    }
}
