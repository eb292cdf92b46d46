package io.helio.platform.timeseries;

import static io.helio.platform.support.PlatformTestEnvironment.platformDatabase;
import static io.helio.platform.support.PlatformTestEnvironment.platformTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Of every node that sees influxd with a new start, one learns when the old start was last seen up,
 * and records the new start only with what influxd missed.
 */
class InfluxdSightingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant FIRST_START = Instant.parse("2026-11-27T08:00:00.123456Z");
    private static final Instant SECOND_START = FIRST_START.plus(Duration.ofHours(2));
    private static final Function<InfluxdSightings.Sighting, Mono<Void>> NOTHING_MISSED = replaced -> Mono.empty();

    private final InfluxdSightings sightings = new InfluxdSightings(
            platformDatabase(), platformTransactions(), "http://influxd-" + UUID.randomUUID() + ":8086");

    @Test
    void aNewStartIsAnsweredWithWhenTheOldOneWasLastSeenUpOnce() {
        // given influxd seen up since its first start, last by a node whose clock is behind another's
        assertThat(record(FIRST_START, FIRST_START.plusSeconds(30))).isNull();
        assertThat(record(FIRST_START, FIRST_START.plusSeconds(90))).isNull();
        assertThat(record(FIRST_START, FIRST_START.plusSeconds(60))).isNull();

        // when a node sees it started again, then it learns the latest sighting of the old start
        assertThat(record(SECOND_START, SECOND_START.plusSeconds(5)))
                .isEqualTo(new InfluxdSightings.Sighting(FIRST_START, FIRST_START.plusSeconds(90)));
        // and no one else does, not even a node that read the old start just before the restart
        assertThat(record(FIRST_START, SECOND_START.plusSeconds(6))).isNull();
        assertThat(record(SECOND_START, SECOND_START.plusSeconds(7))).isNull();
    }

    @Test
    void ofNodesThatSeeTheNewStartAtOnceOneLearnsOfTheRestart() {
        // given influxd seen up since its first start
        record(FIRST_START, FIRST_START.plusSeconds(30));

        // when eight nodes see its second start at the same moment
        List<InfluxdSightings.Sighting> told = Flux.fromStream(
                        IntStream.range(0, 8).boxed())
                .flatMap(node -> sightings
                        .replacedBy(SECOND_START, SECOND_START.plusSeconds(node), NOTHING_MISSED)
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .block(TIMEOUT);

        // then exactly one of them is told of the restart
        assertThat(told).containsExactly(new InfluxdSightings.Sighting(FIRST_START, FIRST_START.plusSeconds(30)));
    }

    @Test
    void aNewStartIsRecordedOnlyWithWhatInfluxdMissedSinceTheOld() {
        // given influxd seen up since its first start
        record(FIRST_START, FIRST_START.plusSeconds(30));

        // when a node sees its second start, but what influxd missed cannot be noted
        assertThatThrownBy(() -> sightings
                        .replacedBy(
                                SECOND_START,
                                SECOND_START.plusSeconds(5),
                                replaced -> Mono.error(new IllegalStateException("PostgreSQL went away")))
                        .block(TIMEOUT))
                .hasMessageContaining("PostgreSQL went away");

        // then the next node to see the second start still learns of the restart
        assertThat(record(SECOND_START, SECOND_START.plusSeconds(35)))
                .isEqualTo(new InfluxdSightings.Sighting(FIRST_START, FIRST_START.plusSeconds(30)));
    }

    private InfluxdSightings.Sighting record(Instant started, Instant now) {
        return sightings.replacedBy(started, now, NOTHING_MISSED).block(TIMEOUT);
    }
}
