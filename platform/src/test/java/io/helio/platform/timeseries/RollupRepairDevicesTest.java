package io.helio.platform.timeseries;

import static io.helio.platform.support.PlatformTestEnvironment.influxCount;
import static io.helio.platform.support.PlatformTestEnvironment.influxWrite;
import static io.helio.platform.support.PlatformTestEnvironment.newTenant;
import static io.helio.platform.support.PlatformTestEnvironment.platformDatabase;
import static io.helio.platform.support.PlatformTestEnvironment.platformTransactions;
import static io.helio.platform.support.PlatformTestEnvironment.rollUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.SharedInfra;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.support.Eventually;
import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repair recomputes a late bucket only for the devices that were late in it, so that one device
 * whose clock is behind does not have its whole product's minute read again at every run. Device
 * {@code a}'s minute row is left stale on purpose (a raw point added behind the rollup's back): it
 * shows whether the repair read {@code a}'s series.
 */
class RollupRepairDevicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ProductKey PRODUCT = ProductKey.of("prod1");

    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    private final RollupRepair repair = new RollupRepair(
            new InfluxQueryClient(
                    WebClient.create(SharedInfra.get().influxd().url()),
                    JsonMapper.builder().build(),
                    TIMEOUT,
                    new SimpleMeterRegistry()),
            new InfluxdSightings(
                    platformDatabase(),
                    platformTransactions(),
                    SharedInfra.get().influxd().url()),
            new LateBuckets(platformDatabase(), SharedInfra.get().influxd().url(), Duration.ZERO),
            Clock.systemUTC(),
            () -> 0,
            TIMEOUT);
    private String tenant;

    @BeforeEach
    void rolledUpMinuteWithAStaleRowOfDeviceA() {
        tenant = newTenant();
        influxWrite(tenant, "prod1,device=a v=5i " + at(1) + "\nprod1,device=b v=1i " + at(2));
        rollUp(tenant, minute, minute.plus(Duration.ofMinutes(1)));
        influxWrite(tenant, "prod1,device=a v=7i " + at(3));
    }

    @Test
    void aLateDeviceHasOnlyItsOwnSeriesRecomputed() throws InterruptedException {
        // when device b's late point is stored and the repair runs
        influxWrite(tenant, "prod1,device=b v=2i " + at(4));
        repair.stored(
                        TenantId.of(tenant),
                        List.of(new MeasurePointSample(
                                PRODUCT, DeviceKey.of("b"), minute.plusSeconds(4), Map.of("v", 2L))))
                .block(TIMEOUT);
        repair.repair();

        // then b's minute counts it, and a's was not read again
        assertThat(awaitMinuteSum("b", 1 + 2)).isEqualTo(1 + 2);
        assertThat(minuteSum("a")).isEqualTo(5);
    }

    @Test
    void aMinuteLateForMoreDevicesThanItNamesIsRecomputedForEveryDevice() throws InterruptedException {
        // when more devices than the repair names replay late points into the minute
        String lines = IntStream.rangeClosed(0, RollupRepair.DEVICES_NAMED)
                .mapToObj(device -> "prod1,device=late" + device + " v=1i " + at(5))
                .collect(Collectors.joining("\n"));
        influxWrite(tenant, lines);
        repair.replayed("helio_" + tenant, lines);
        repair.repair();

        // then the whole minute is recomputed, a's stale row included
        assertThat(awaitMinuteSum("late0", 1)).isEqualTo(1);
        assertThat(minuteSum("a")).isEqualTo(5 + 7);
    }

    @Test
    void aBacklogLongerThanOneRequestRecomputesIsRolledUpWhole() throws InterruptedException {
        // when device c replays a point into each of more minutes than one request recomputes
        int minutes = 2 * RollupRepair.BUCKETS_PER_REQUEST + 2;
        List<MeasurePointSample> backlog = IntStream.range(0, minutes)
                .mapToObj(m -> new MeasurePointSample(
                        PRODUCT,
                        DeviceKey.of("c"),
                        minute.plus(Duration.ofMinutes(m)).plusSeconds(7),
                        Map.of("v", (long) m + 1)))
                .toList();
        influxWrite(
                tenant,
                backlog.stream()
                        .map(sample -> "prod1,device=c v=" + sample.values().get("v") + "i "
                                + sample.time().toEpochMilli())
                        .collect(Collectors.joining("\n")));
        repair.stored(TenantId.of(tenant), backlog).block(TIMEOUT);
        repair.repair();

        // then every minute holds its point, the last ones included
        awaitMinuteSum("c", minute.plus(Duration.ofMinutes(minutes - 1)), minutes);
        for (int m = 0; m < minutes; m++) {
            assertThat(minuteSum("c", minute.plus(Duration.ofMinutes(m))))
                    .as("minute %d", m)
                    .isEqualTo(m + 1);
        }
    }

    /**
     * The minute's sum once it is {@code expected}, or after 10 s: a node of another test's platform
     * may have claimed the bucket, and be recomputing it, when this repair ran.
     */
    private long awaitMinuteSum(String device, long expected) throws InterruptedException {
        return awaitMinuteSum(device, minute, expected);
    }

    private long awaitMinuteSum(String device, Instant bucket, long expected) {
        return Eventually.read(() -> minuteSum(device, bucket), sum -> sum == expected, TIMEOUT);
    }

    private long minuteSum(String device) {
        return minuteSum(device, minute);
    }

    private long minuteSum(String device, Instant bucket) {
        return influxCount("SELECT sum_v FROM \"helio_" + tenant + "\".\"rollup_1m\".\"prod1\" WHERE device = '"
                + device + "' AND time = " + bucket.toEpochMilli() + "ms");
    }

    private long at(int second) {
        return minute.plusSeconds(second).toEpochMilli();
    }
}
