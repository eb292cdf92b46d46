package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the repair leaves to a rollup's continuous query must be read by one of its runs. A run at the
 * end {@code B} of an interval recomputes {@code [B - lookBack, B)}, as InfluxDB schedules a
 * {@code RESAMPLE EVERY interval FOR lookBack} query; only a run after the data was stored sees it.
 */
class RollupTest {

    private static final Instant HOUR = Instant.parse("2026-11-27T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Rollup.class)
    void dataNotTooLateIsReadByALaterRunOfTheContinuousQuery(Rollup rollup) {
        long width = rollup.interval().toMillis();
        for (long storedAfterBoundary : new long[] {0, 1, width / 2, width - 1}) {
            Instant stored = HOUR.plusMillis(storedAfterBoundary);
            for (long age = 0; age <= 3 * lookBack(rollup).toMillis(); age += width / 60) {
                Instant time = stored.minusMillis(age);
                if (!tooLate(rollup, time, stored)) {
                    assertThat(readByALaterRun(rollup, time, stored))
                            .as("%s at %s, stored at %s", rollup, time, stored)
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Rollup.class)
    void dataStoredWithinAnIntervalOfItsTimeIsLeftToTheContinuousQuery(Rollup rollup) {
        Instant stored = HOUR.plusSeconds(17);
        assertThat(tooLate(rollup, stored.minus(rollup.interval()), stored)).isFalse();
        assertThat(tooLate(rollup, stored, stored)).isFalse();
        assertThat(tooLate(rollup, stored.minus(lookBack(rollup)), stored))
                .as("as old as the look-back")
                .isTrue();
    }

    @Test
    void aMinuteBucketIsReadFromTheRollupOnlyAfterARunMinutesLateWouldHaveWrittenIt() {
        Instant bucket = HOUR.plus(Duration.ofMinutes(17));
        Instant dueRun = bucket.plus(Rollup.MINUTE.interval());
        // as measured on a busy influxd: the minute query ran every 2 minutes, and each run took as long
        Instant lateRunDone = dueRun.plus(Duration.ofMinutes(2)).plus(Duration.ofMinutes(2));
        assertThat(Rollup.MINUTE.completeUntil(lateRunDone.plusSeconds(59))).isBeforeOrEqualTo(bucket);
        assertThat(Rollup.MINUTE.completeUntil(dueRun.plus(Duration.ofMinutes(6))))
                .as("read from the rollup within minutes all the same")
                .isAfter(bucket);
    }

    @Test
    void anHourBucketIsReadFromTheRollupOnceTheNextRunIsDue() {
        Instant dueRun = HOUR.plus(Rollup.HOUR.interval());
        Instant nextRun = dueRun.plus(Rollup.HOUR.interval());
        assertThat(Rollup.HOUR.completeUntil(nextRun.minusMillis(1))).isBeforeOrEqualTo(HOUR);
        assertThat(Rollup.HOUR.completeUntil(nextRun)).isAfter(HOUR);
    }

    private static boolean tooLate(Rollup rollup, Instant time, Instant stored) {
        return time.toEpochMilli() < rollup.lateBefore(stored);
    }

    /** The first run after {@code stored} whose range may hold the bucket of {@code time}, and whether it does. */
    private static boolean readByALaterRun(Rollup rollup, Instant time, Instant stored) {
        long width = rollup.interval().toMillis();
        long bucket = rollup.bucketOf(time);
        long firstRunAfterStored = Math.floorDiv(stored.toEpochMilli(), width) * width + width;
        long run = Math.max(firstRunAfterStored, bucket + width);
        return run - lookBack(rollup).toMillis() <= bucket;
    }

    /** The look-backs of tenant-admin's continuous queries (which this module cannot see). */
    private static Duration lookBack(Rollup rollup) {
        return rollup == Rollup.MINUTE ? Duration.ofMinutes(2) : Duration.ofHours(2);
    }
}
