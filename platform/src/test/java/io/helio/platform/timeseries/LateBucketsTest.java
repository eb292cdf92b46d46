package io.helio.platform.timeseries;

import static io.helio.platform.support.PlatformTestEnvironment.platformDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Noted buckets in real PostgreSQL, as nodes share them: each store is keyed by an influxd of its
 * own here, so the buckets of other tests' platforms stay out of sight. Buckets settle at once but
 * where a test says otherwise.
 */
class LateBucketsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final String influxd = "http://influxd-" + UUID.randomUUID() + ":8086";
    private final LateBuckets node = new LateBuckets(platformDatabase(), influxd, Duration.ZERO);
    private final LateBuckets otherNode = new LateBuckets(platformDatabase(), influxd, Duration.ZERO);

    @Test
    void aBucketIsRecomputedForTheDevicesNotedInIt() {
        // when two writes note devices a and b in one minute
        node.note(List.of(note(60_000, "a"), note(60_000, "b"))).block(TIMEOUT);
        node.note(List.of(note(60_000, "b"))).block(TIMEOUT);

        // then the bucket is claimed once, for those two devices' series
        List<LateBuckets.Claimed> claimed = node.claim(100, LEASE).block(TIMEOUT);
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).devices()).isEqualTo(Set.of("a", "b"));
    }

    @Test
    void aBucketNotedForMoreDevicesThanNamedIsRecomputedForEverySeries() {
        // when more devices than are named are noted in one minute, over two writes
        node.note(IntStream.range(0, RollupRepair.DEVICES_NAMED)
                        .mapToObj(device -> note(60_000, "d" + device))
                        .toList())
                .block(TIMEOUT);
        node.note(List.of(note(60_000, "one-more"))).block(TIMEOUT);

        // then it is recomputed for every series
        assertThat(node.claim(100, LEASE).block(TIMEOUT).get(0).devices()).isNull();
    }

    @Test
    void aClaimedBucketIsLeftToTheNodeThatClaimedItUntilReleased() {
        node.note(List.of(note(60_000, "a"))).block(TIMEOUT);
        List<LateBuckets.Claimed> claimed = node.claim(100, LEASE).block(TIMEOUT);

        assertThat(otherNode.claim(100, LEASE).block(TIMEOUT)).isEmpty();

        // when its recomputation fails, the other node may claim it at once
        node.release(claimed).block(TIMEOUT);
        assertThat(otherNode.claim(100, LEASE).block(TIMEOUT)).hasSize(1);
    }

    @Test
    void aBucketNotedAgainWhileBeingRecomputedIsRecomputedAgain() {
        node.note(List.of(note(60_000, "a"), note(120_000, "a"))).block(TIMEOUT);
        List<LateBuckets.Claimed> claimed = node.claim(100, LEASE).block(TIMEOUT);

        // when new late data arrives in one of the buckets while they are recomputed
        otherNode.note(List.of(note(120_000, "b"))).block(TIMEOUT);
        node.recomputed(claimed).block(TIMEOUT);

        // then that bucket is noted still, and free to claim
        List<LateBuckets.Claimed> left = otherNode.claim(100, LEASE).block(TIMEOUT);
        assertThat(left).extracting(LateBuckets.Claimed::bucket).containsExactly(120_000L);
        assertThat(left.get(0).devices()).isEqualTo(Set.of("a", "b"));
    }

    @Test
    void aBucketIsClaimedOnceItHasSettled() throws InterruptedException {
        LateBuckets settling = new LateBuckets(platformDatabase(), influxd, Duration.ofSeconds(1));
        settling.note(List.of(note(60_000, "a"))).block(TIMEOUT);

        assertThat(settling.claim(100, LEASE).block(TIMEOUT)).isEmpty();
        Thread.sleep(1_100);
        assertThat(settling.claim(100, LEASE).block(TIMEOUT)).hasSize(1);
    }

    @Test
    void aNodeDoesNotNoteAgainWhatItNotedWithinHalfTheSettlingTime() throws InterruptedException {
        LateBuckets settling = new LateBuckets(platformDatabase(), influxd, Duration.ofSeconds(2));

        // when a replay's batches note device a's bucket again and again, and then device b's
        settling.note(List.of(note(60_000, "a"))).block(TIMEOUT);
        settling.note(List.of(note(60_000, "a"))).block(TIMEOUT);
        settling.note(List.of(note(60_000, "b"))).block(TIMEOUT);

        // then a's was noted once, and b's still
        Thread.sleep(2_100);
        List<LateBuckets.Claimed> claimed = settling.claim(100, LEASE).block(TIMEOUT);
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).devices()).isEqualTo(Set.of("a", "b"));
        assertThat(claimed.get(0).version()).isEqualTo(2);
    }

    @Test
    void everyNoteOfManyConcurrentWritesIsStored() {
        // when 500 writes note a bucket each at the same time (upserted a statement at a time)
        Flux.range(0, 500)
                .flatMap(bucket -> node.note(List.of(note(bucket * 60_000L, "d" + bucket % 7))), 500)
                .then()
                .block(TIMEOUT);

        // then every bucket is there
        assertThat(Flux.range(0, 10)
                        .concatMap(claim -> node.claim(100, LEASE))
                        .flatMapIterable(claimed -> claimed)
                        .map(LateBuckets.Claimed::bucket)
                        .distinct()
                        .count()
                        .block(TIMEOUT))
                .isEqualTo(500);
    }

    @Test
    void aWriteWhoseNotesCannotBeStoredFailsAndLaterNotesAreStored() {
        // a tenant name longer than the table takes
        Mono<Void> noted =
                node.note(List.of(new LateBuckets.Note("x".repeat(100), "prod1", Rollup.MINUTE, 60_000, "a")));

        assertThat(noted.then(Mono.just("stored"))
                        .onErrorResume(failure -> Mono.just("failed"))
                        .block(TIMEOUT))
                .isEqualTo("failed");

        node.note(List.of(note(60_000, "a"))).block(TIMEOUT);
        assertThat(node.claim(100, LEASE).block(TIMEOUT)).hasSize(1);
    }

    private static LateBuckets.Note note(long bucket, String device) {
        return new LateBuckets.Note("t1", "prod1", Rollup.MINUTE, bucket, device);
    }
}
