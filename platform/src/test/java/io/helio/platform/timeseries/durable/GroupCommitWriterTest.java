package io.helio.platform.timeseries.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.InfluxdProcess;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.MovingClock;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.InfluxQueryClient;
import io.helio.platform.timeseries.InfluxdSightings;
import io.helio.platform.timeseries.LateBuckets;
import io.helio.platform.timeseries.MeasurePointSample;
import io.helio.platform.timeseries.RollupRepair;
import io.helio.platform.timeseries.WriterUnavailableException;
import io.helio.platform.timeseries.durable.GroupCommitWriter.WriterSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer against a real influxd of its own, which the test stops or freezes under load: every
 * write it acknowledged is in InfluxDB afterwards, once; what it could not keep it did not acknowledge.
 */
class GroupCommitWriterTest {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final int DEVICES = 8;
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    InfluxdProcess influxd;
    InfluxDB client;
    TenantId tenant = TenantId.of("twriter000000001");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Spill spill;

    @BeforeEach
    void startInfluxd() throws Exception {
        influxd = InfluxdProcess.start(folder.resolve("influxdb"));
        client = InfluxDBFactory.connect(influxd.url());
        query("CREATE DATABASE \"" + tenant.timeSeriesDatabase() + "\"");
    }

    @AfterEach
    void stopInfluxd() {
        client.close();
        influxd.close();
    }

    @Test
    void everyAcknowledgedPointSurvivesAMinuteWithoutInfluxdExactlyOnce() throws Exception {
        assertAcknowledgedThroughoutAndStoredOnce(influxd::stop, OUTAGE, influxd::start);
    }

    /**
     * A frozen influxd keeps its connection open and answers nothing: without the spill every device
     * would wait for the write's 10 s timeout, and none would be answered in the stall.
     */
    @Test
    void whileInfluxdStallsWritesAreAnsweredFromTheSpillAndStoredOnceAfterwards() throws Exception {
        assertAcknowledgedThroughoutAndStoredOnce(influxd::freeze, STALL, influxd::thaw);
    }

    /**
     * Points accepted in time for the rollups' continuous queries can reach InfluxDB from the spill
     * after the queries' look-back has passed them by: the replay tells the rollup repair, which
     * rolls them up then (the test database has no continuous queries, so only the repair can).
     */
    @Test
    void pointsThatWaitedInTheSpillPastTheContinuousQueriesAreRolledUpWhenReplayed() throws Exception {
        MovingClock clock = new MovingClock(Instant.now());
        List<MeasurePointSample> samples = twoPoints(clock.instant().minus(Duration.ofMinutes(1)));
        RollupRepair repair = rollupRepair(clock);
        try (GroupCommitWriter writer = writer(1L << 30, repair::replayed)) {
            // given points accepted from the spill while influxd is down, in time for the rollups
            influxd.stop();
            writer.write(tenant, samples).block(TIMEOUT);
            repair.stored(tenant, samples).block(TIMEOUT);

            // when influxd is back three hours later, past both rollups' look-back
            clock.advance(Duration.ofHours(3));
            influxd.start();
            awaitReplayed();
            repair.repair();
        }

        // then both rollups hold them
        assertRolledUp(List.of("rollup_1m", "rollup_1h"));
    }

    /**
     * Replayed points are told of (so the repair notes their late buckets) before the spill forgets
     * them: when that fails, they stay spilled and are replayed and told of again.
     */
    @Test
    void replayedPointsStaySpilledUntilTheyAreToldOf() throws Exception {
        List<MeasurePointSample> samples = twoPoints(Instant.now());
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger(1);
        try (GroupCommitWriter writer = writer(1L << 30, (database, lines) -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("PostgreSQL is down");
            }
            told.add(lines);
        })) {
            // given points accepted from the spill while influxd is down
            influxd.stop();
            writer.write(tenant, samples).block(TIMEOUT);
            assertThat(spill.size()).isPositive();

            // when influxd is back, and the first telling of the replay fails
            influxd.start();
            awaitReplayed();
        }

        // then the replay was told of after all, once
        assertThat(refusals.get()).isNegative();
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).contains("device=d0").contains("device=d1");
    }

    /**
     * influxd forgets when its continuous queries last ran when it restarts, and its first run after
     * a start covers one interval: points stored just before a restart that lasts minutes, or minutes
     * before it while its runs lagged, would never be rolled up by the minute query. The repair sees
     * the new start time and rolls them up.
     */
    @ParameterizedTest(name = "influxd last seen up {0} minutes after they were stored")
    @ValueSource(ints = {0, 3})
    void pointsStoredBeforeInfluxdRestartsAreRolledUpAfterIt(int minutesSeenUpAfter) throws Exception {
        // given points stored in time for the minute rollup, with influxd seen up then and minutes later
        // (a busy influxd's runs of the continuous query lag that far behind)
        MovingClock clock = new MovingClock(Instant.now().minus(Duration.ofMinutes(3 + minutesSeenUpAfter)));
        List<MeasurePointSample> samples = twoPoints(clock.instant().minus(Duration.ofSeconds(10)));
        RollupRepair repair = rollupRepair(clock);
        try (GroupCommitWriter writer = writer(1L << 30)) {
            repair.repair();
            writer.write(tenant, samples).block(TIMEOUT);
            awaitReplayed(); // the first write on a new connection may be slow enough to go to the spill
            repair.stored(tenant, samples).block(TIMEOUT);
            clock.advance(Duration.ofMinutes(minutesSeenUpAfter));
            repair.repair();

            // when influxd restarts, three minutes later, and the repair runs
            influxd.stop();
            influxd.start();
            clock.advance(Duration.ofMinutes(3));
            repair.repair();
        }

        // then the minute rollup holds them (the test database has no continuous query to do it)
        assertRolledUp(List.of("rollup_1m"));
    }

    /**
     * When the platform goes down with influxd (one machine restarting, say), the node that starts
     * again has no memory of influxd's earlier start; it reads when influxd was last seen up from
     * PostgreSQL, where every node records it.
     */
    @Test
    void pointsStoredBeforeInfluxdAndThePlatformRestartTogetherAreRolledUpAfterwards() throws Exception {
        // given points stored in time for the minute rollup, with influxd seen up then
        MovingClock clock = new MovingClock(Instant.now().minus(Duration.ofMinutes(3)));
        List<MeasurePointSample> samples = twoPoints(clock.instant().minus(Duration.ofSeconds(10)));
        try (GroupCommitWriter writer = writer(1L << 30)) {
            RollupRepair before = rollupRepair(clock);
            before.repair();
            writer.write(tenant, samples).block(TIMEOUT);
            awaitReplayed();
            before.stored(tenant, samples).block(TIMEOUT);
        }

        // when influxd restarts, and a platform node with it, whose repair runs three minutes later
        influxd.stop();
        influxd.start();
        clock.advance(Duration.ofMinutes(3));
        rollupRepair(clock).repair();

        // then the minute rollup holds them (the test database has no continuous query to do it)
        assertRolledUp(List.of("rollup_1m"));
    }

    private List<MeasurePointSample> twoPoints(Instant measured) throws Exception {
        for (String rollup : List.of("rollup_1m", "rollup_1h")) {
            query("CREATE RETENTION POLICY \"" + rollup + "\" ON \"" + tenant.timeSeriesDatabase()
                    + "\" DURATION INF REPLICATION 1");
        }
        return List.of(
                new MeasurePointSample(ProductKey.of("prod1"), DeviceKey.of("d0"), measured, Map.of("v", 5L)),
                new MeasurePointSample(ProductKey.of("prod1"), DeviceKey.of("d1"), measured, Map.of("v", 7L)));
    }

    private RollupRepair rollupRepair(MovingClock clock) {
        return new RollupRepair(
                new InfluxQueryClient(
                        WebClient.create(influxd.url()), JsonMapper.builder().build(), TIMEOUT, registry),
                new InfluxdSightings(
                        PlatformTestEnvironment.platformDatabase(),
                        PlatformTestEnvironment.platformTransactions(),
                        influxd.url()),
                new LateBuckets(PlatformTestEnvironment.platformDatabase(), influxd.url(), Duration.ZERO),
                clock,
                () -> spill.size(),
                TIMEOUT);
    }

    private void assertRolledUp(List<String> rollups) throws Exception {
        for (String rollup : rollups) {
            String statement = "SELECT sum(\"sum_v\"), sum(\"count_v\") FROM \"" + tenant.timeSeriesDatabase() + "\".\""
                    + rollup + "\".\"prod1\"";
            assertThat(query(statement)).as("rows in %s", rollup).contains("\"series\"");
            JsonNode rolledUp = series(statement);
            assertThat(rolledUp.get(1).asLong()).as("sum in %s", rollup).isEqualTo(12);
            assertThat(rolledUp.get(2).asLong()).as("count in %s", rollup).isEqualTo(2);
        }
    }

    /** A write answered from the spill because influxd was slow, but taken by it after all, is not sent again. */
    @Test
    void aSlowWriteThatSucceedsAfterAllIsNotWrittenAgainFromTheSpill() throws Exception {
        try (GroupCommitWriter writer = writer(1L << 30)) {
            writer.write(tenant, List.of(sample(0, 0))).block(TIMEOUT);
            awaitReplayed(); // the first write on a new connection may be slow itself
            long requestsBefore = influxdWriteRequests();

            influxd.freeze();
            writer.write(tenant, List.of(sample(0, 1))).block(TIMEOUT);
            assertThat(spill.size()).as("answered from the spill").isPositive();
            influxd.thaw();
            awaitReplayed();

            assertThat(influxdWriteRequests() - requestsBefore).isEqualTo(1);
        }
        assertThat(series("SELECT count(v) FROM \"" + tenant.timeSeriesDatabase() + "\"..\"prod1\"")
                        .get(1)
                        .asLong())
                .isEqualTo(2);
    }

    /**
     * A batch's writes are answered a block at a time: each block on one thread, in the order its
     * writes were queued, and none on the thread that writes to InfluxDB.
     */
    @Test
    void aBatchIsAnsweredInBlocksOffTheWritersThread() throws Exception {
        int writes = 2 * GroupCommitWriter.ANSWERS_PER_TASK + 10;
        List<String> answeredOn = new ArrayList<>(Collections.nCopies(writes, ""));
        List<Integer> order = new CopyOnWriteArrayList<>();
        spill = Spill.open(folder.resolve("spill"), 1L << 30, 4 * 1024 * 1024);
        WriterSettings lingering = new WriterSettings(
                5_000, Duration.ofMillis(500), 10_000, Duration.ofSeconds(5), Duration.ofMillis(500));
        try (GroupCommitWriter writer = new GroupCommitWriter(client, spill, lingering, registry, (db, lines) -> {})) {
            writer.write(tenant, List.of(sample(0, 0))).block(TIMEOUT); // the connection opened
            CompletableFuture<?>[] answers = new CompletableFuture<?>[writes];
            for (int i = 0; i < writes; i++) {
                int write = i;
                answers[write] = writer.write(tenant, List.of(sample(0, 1 + write)))
                        .doOnSuccess(stored -> {
                            answeredOn.set(write, Thread.currentThread().getName());
                            order.add(write);
                        })
                        .toFuture();
            }
            CompletableFuture.allOf(answers).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(answeredOn).doesNotContain("", "influx-group-commit");
        for (int block = 0; block < writes; block += GroupCommitWriter.ANSWERS_PER_TASK) {
            List<Integer> blockWrites = IntStream.range(
                            block, Math.min(writes, block + GroupCommitWriter.ANSWERS_PER_TASK))
                    .boxed()
                    .toList();
            assertThat(blockWrites.stream().map(answeredOn::get).distinct())
                    .as("threads that answered writes %s", blockWrites)
                    .hasSize(1);
            assertThat(order.stream().filter(blockWrites::contains)).containsExactlyElementsOf(blockWrites);
        }
    }

    @Test
    void whenTheSpillIsFullWritesFailAndOnlyAcknowledgedOnesAreStored() throws Exception {
        Map<Integer, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        List<Throwable> refusals = new ArrayList<>();
        try (GroupCommitWriter writer = writer(16 * 1024)) {
            influxd.stop();
            for (int i = 0; i < 2_000 && refusals.isEmpty(); i++) {
                try {
                    writer.write(tenant, List.of(sample(0, i))).block(Duration.ofSeconds(30));
                    acknowledged.computeIfAbsent(0, d -> new AtomicLong()).incrementAndGet();
                } catch (WriterUnavailableException refused) {
                    refusals.add(refused);
                }
            }
            assertThat(refusals).isNotEmpty();
            influxd.start();
            awaitReplayed();
        }
        long acked = acknowledged.get(0).get();
        assertThat(acked).isPositive();
        assertThat(series("SELECT count(v) FROM \"" + tenant.timeSeriesDatabase() + "\"..\"prod1\"")
                        .get(1)
                        .asLong())
                .isEqualTo(acked);
    }

    @Test
    void pointsOlderThanTheSpillsMaxAgeAreAcknowledgedOnlyByInfluxdItself() throws Exception {
        Instant old = Instant.now().minus(GroupCommitWriter.SPILL_MAX_AGE).minus(Duration.ofHours(1));
        MeasurePointSample oldPoint =
                new MeasurePointSample(ProductKey.of("prod1"), DeviceKey.of("d0"), old, Map.of("v", -1L));
        try (GroupCommitWriter writer = writer(1L << 30)) {
            // given influxd down: a recent point is acknowledged from the spill, an old one is refused
            influxd.stop();
            writer.write(tenant, List.of(sample(0, 0))).block(Duration.ofSeconds(30));
            assertThatThrownBy(() -> writer.write(tenant, List.of(oldPoint)).block(Duration.ofSeconds(30)))
                    .isInstanceOf(WriterUnavailableException.class)
                    .hasMessageContaining("older than 12 h");

            // when influxd is back and the old point is sent again, it is stored
            influxd.start();
            awaitReplayed();
            writer.write(tenant, List.of(oldPoint)).block(Duration.ofSeconds(30));
        }

        // then both points are stored, once each
        JsonNode stored =
                series("SELECT count(v), min(v), max(v) FROM \"" + tenant.timeSeriesDatabase() + "\"..\"prod1\"");
        assertThat(stored.get(1).asLong()).isEqualTo(2);
        assertThat(stored.get(2).asLong()).isEqualTo(-1);
        assertThat(stored.get(3).asLong()).isZero();
    }

    /**
     * Devices write through a writer while influxd is made unavailable for {@code length} and then
     * brought back: writes kept being acknowledged (into the spill) meanwhile, the writer goes back to
     * influxd while they write on, and once the spill is replayed every acknowledged point is stored,
     * once.
     */
    private void assertAcknowledgedThroughoutAndStoredOnce(Runnable begin, Duration length, Runnable end)
            throws Exception {
        Map<Integer, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        try (GroupCommitWriter writer = writer(1L << 30)) {
            AtomicBoolean loading = new AtomicBoolean(true);
            ExecutorService devices = load(writer, loading, acknowledged);
            Thread.sleep(3_000);
            begin.run();
            long before = total(acknowledged);
            Thread.sleep(length.toMillis());
            assertThat(total(acknowledged) - before).isGreaterThan(1_000);
            assertThat(spill.size()).isPositive();
            end.run();
            assertWritesGoToInfluxdAgainWhileDevicesKeepWriting(acknowledged);
            loading.set(false);
            devices.shutdown();
            assertThat(devices.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            awaitReplayed();
        }
        assertEveryAcknowledgedPointStoredOnce(acknowledged);
    }

    /**
     * Devices keep writing while a replay runs, so a writer that spilled each new batch behind the
     * replay would never find the spill empty again under load: every point would be forced to disk
     * and written to InfluxDB later, and late data would not be rolled up (that waits for an empty
     * spill).
     */
    private void assertWritesGoToInfluxdAgainWhileDevicesKeepWriting(Map<Integer, AtomicLong> acknowledged)
            throws InterruptedException {
        long replayed = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (spill.size() > 0 && System.nanoTime() < replayed) {
            Thread.sleep(100);
        }
        long writesBefore = directWrites();
        long acknowledgedBefore = total(acknowledged);
        int samples = 0;
        int spilling = 0;
        for (long end = System.nanoTime() + Duration.ofSeconds(3).toNanos(); System.nanoTime() < end; samples++) {
            spilling += spill.size() > 0 ? 1 : 0;
            Thread.sleep(10);
        }
        assertThat(total(acknowledged) - acknowledgedBefore).isGreaterThan(1_000);
        assertThat(directWrites() - writesBefore).isGreaterThan(100);
        assertThat(spilling)
                .as("samples of %s that found points spilled", samples)
                .isLessThan(samples / 10);
    }

    /** Each device's points were written with values 0, 1, 2, ...: count, min and max show gaps and repeats. */
    private void assertEveryAcknowledgedPointStoredOnce(Map<Integer, AtomicLong> acknowledged) throws Exception {
        for (int device = 0; device < DEVICES; device++) {
            long acked = acknowledged.get(device).get();
            JsonNode stored = series("SELECT count(v), min(v), max(v) FROM \"" + tenant.timeSeriesDatabase()
                    + "\"..\"prod1\" WHERE device = 'd" + device + "'");
            assertThat(stored.get(1).asLong()).as("points of d%s", device).isEqualTo(acked);
            assertThat(stored.get(2).asLong()).isZero();
            assertThat(stored.get(3).asLong()).isEqualTo(acked - 1);
        }
    }

    private GroupCommitWriter writer(long spillBytes) {
        return writer(spillBytes, (database, lines) -> {});
    }

    private GroupCommitWriter writer(long spillBytes, BiConsumer<String, String> replayedLines) {
        spill = Spill.open(folder.resolve("spill"), spillBytes, 4 * 1024 * 1024);
        return new GroupCommitWriter(
                client,
                spill,
                new GroupCommitWriter.WriterSettings(
                        5_000, Duration.ofMillis(5), 10_000, Duration.ofMillis(30), Duration.ofMillis(500)),
                registry,
                replayedLines);
    }

    /** Each device writes its next point (value = sequence number) once the last is acknowledged. */
    private ExecutorService load(GroupCommitWriter writer, AtomicBoolean loading, Map<Integer, AtomicLong> acked) {
        ExecutorService devices = Executors.newFixedThreadPool(DEVICES);
        for (int device = 0; device < DEVICES; device++) {
            int id = device;
            AtomicLong count = acked.computeIfAbsent(id, d -> new AtomicLong());
            devices.submit(() -> {
                while (loading.get()) {
                    writer.write(tenant, List.of(sample(id, count.get()))).block(Duration.ofSeconds(30));
                    count.incrementAndGet();
                }
                return null;
            });
        }
        return devices;
    }

    private static MeasurePointSample sample(int device, long sequence) {
        return new MeasurePointSample(
                ProductKey.of("prod1"), DeviceKey.of("d" + device), T0.plusMillis(sequence), Map.of("v", sequence));
    }

    private static long total(Map<Integer, AtomicLong> acknowledged) {
        return acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The write requests influxd has served, by its own count ({@code /debug/vars}). */
    private long influxdWriteRequests() throws Exception {
        String vars = HTTP.send(
                        HttpRequest.newBuilder(URI.create(influxd.url() + "/debug/vars"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher requests = Pattern.compile("\"name\":\\s*\"httpd\".*?\"writeReq\":\\s*(\\d+)")
                .matcher(vars);
        assertThat(requests.find()).as("influxd's write requests in %s", vars).isTrue();
        return Long.parseLong(requests.group(1));
    }

    /** Batches written to InfluxDB as they came, not from the spill. */
    private long directWrites() {
        return registry.timer("helio.influx.writes").count();
    }

    private void awaitReplayed() {
        assertThat(Eventually.read(spill::size, size -> size == 0, Duration.ofSeconds(60)))
                .isZero();
    }

    /** The first row of the query's answer: time, then the selected values. */
    private JsonNode series(String statement) throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(query(statement))
                .get("results")
                .get(0)
                .get("series")
                .get(0)
                .get("values")
                .get(0);
    }

    private String query(String statement) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(influxd.url() + "/query"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
