package io.helio.platform.timeseries.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.InfluxdProcess;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import io.helio.platform.timeseries.WriterUnavailableException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir
    Path folder;

    InfluxdProcess influxd;
    InfluxDB client;
    TenantId tenant = TenantId.of("twriter000000001");

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
            awaitReplayed(writer);
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
            awaitReplayed(writer);
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
     * brought back: writes kept being acknowledged (into the spill) meanwhile, and once the spill is
     * replayed every acknowledged point is stored, once.
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
            assertThat(writer.spilledBytes()).isPositive();
            end.run();
            Thread.sleep(3_000);
            loading.set(false);
            devices.shutdown();
            assertThat(devices.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            awaitReplayed(writer);
        }
        assertEveryAcknowledgedPointStoredOnce(acknowledged);
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
        return new GroupCommitWriter(
                client,
                Spill.open(folder.resolve("spill"), spillBytes, 4 * 1024 * 1024),
                new GroupCommitWriter.WriterSettings(
                        5_000, Duration.ofMillis(5), 10_000, Duration.ofMillis(30), Duration.ofMillis(500)),
                new SimpleMeterRegistry());
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

    private static void awaitReplayed(GroupCommitWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (writer.spilledBytes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(writer.spilledBytes()).isZero();
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
