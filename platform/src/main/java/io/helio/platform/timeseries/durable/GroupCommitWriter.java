package io.helio.platform.timeseries.durable;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.BeyondRetentionException;
import io.helio.platform.timeseries.InfluxLines;
import io.helio.platform.timeseries.MeasurePointSample;
import io.helio.platform.timeseries.StoreRefusedException;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.timeseries.WriterBusyException;
import io.helio.platform.timeseries.WriterUnavailableException;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Group commit: writes wait in a bounded queue; one thread takes them in batches (up to
 * {@code batchPoints} points, or whatever came within {@code linger}), writes each tenant's part
 * to its database in one request, and completes each write once its points are stored. When
 * InfluxDB cannot take a batch (down, slow, overloaded), the batch goes to the {@link Spill} and
 * its writes complete from there; while anything is spilled, new batches are spilled behind it so
 * that the order of writes holds, and the same thread replays the spill oldest first whenever
 * InfluxDB answers again. A write fails, and its caller must not acknowledge, only when it was
 * refused for its content, the queue was full, or neither InfluxDB nor the spill took it.
 */
public final class GroupCommitWriter implements TimeSeriesWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int REPLAY_ROUND = 20;
    private static final long REPLAY_BYTES = 4L * 1024 * 1024;

    private record Pending(String database, String lines, int points, CompletableFuture<Void> done) {}

    private final InfluxDB influx;
    private final Spill spill;
    private final Timer writeLatency;
    private final int batchPoints;
    private final long lingerNanos;
    private final long replayBackoffNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread committer;
    private volatile boolean running = true;
    private long nextReplay;

    /** {@code writeLatency} times each write to InfluxDB, successful or not. */
    public GroupCommitWriter(InfluxDB influx, Spill spill, WriterSettings settings, Timer writeLatency) {
        this.influx = influx;
        this.spill = spill;
        this.writeLatency = writeLatency;
        this.batchPoints = settings.batchPoints();
        this.lingerNanos = settings.linger().toNanos();
        this.replayBackoffNanos = settings.replayBackoff().toNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.nextReplay = System.nanoTime();
        this.committer = new Thread(this::run, "influx-group-commit");
        committer.start();
    }

    /** How the writer batches and retries. */
    public record WriterSettings(int batchPoints, Duration linger, int queueCapacity, Duration replayBackoff) {}

    /** Lazy: the write is queued when the answer is subscribed to. */
    @Override
    public Mono<Void> write(TenantId tenant, List<MeasurePointSample> samples) {
        return Mono.defer(() -> enqueue(tenant, samples));
    }

    private Mono<Void> enqueue(TenantId tenant, List<MeasurePointSample> samples) {
        Pending pending = new Pending(
                tenant.timeSeriesDatabase(), InfluxLines.encode(samples), samples.size(), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            return Mono.error(new WriterBusyException(queue.size()));
        }
        // complete off the committer thread, which should only ever write
        return Mono.fromFuture(pending.done()).publishOn(Schedulers.parallel());
    }

    /** Bytes in the spill, waiting for InfluxDB. */
    public long spilledBytes() {
        return spill.size();
    }

    /** Stops taking writes, commits what waits, and stops. */
    @Override
    public void close() throws InterruptedException, IOException {
        running = false;
        committer.join(TimeUnit.SECONDS.toMillis(30));
        spill.close();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                replay();
                List<Pending> batch = nextBatch();
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("the group commit loop failed; it carries on", e);
            }
        }
    }

    private List<Pending> nextBatch() throws InterruptedException {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int points = first.points();
        long deadline = System.nanoTime() + lingerNanos;
        while (points < batchPoints) {
            Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            points += next.points();
        }
        return batch;
    }

    private void commit(List<Pending> batch) {
        Map<String, List<Pending>> byDatabase = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byDatabase
                    .computeIfAbsent(pending.database(), database -> new ArrayList<>())
                    .add(pending);
        }
        byDatabase.forEach(this::commit);
    }

    private void commit(String database, List<Pending> writes) {
        String lines = join(writes);
        if (!spill.isEmpty()) {
            spillOrFail(database, lines, writes);
            return;
        }
        try {
            writeLatency.record(
                    () -> influx.write(database, "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines));
            writes.forEach(write -> write.done().complete(null));
        } catch (InfluxDBException e) {
            if (e.isRetryWorth()) {
                log.warn("InfluxDB did not take {} writes for {}; they go to the spill", writes.size(), database, e);
                nextReplay = System.nanoTime() + replayBackoffNanos;
                spillOrFail(database, lines, writes);
            } else if (writes.size() > 1) {
                writes.forEach(write -> commit(database, List.of(write))); // find which of them it refuses
            } else {
                writes.get(0).done().completeExceptionally(refusal(e));
            }
        }
    }

    private void spillOrFail(String database, String lines, List<Pending> writes) {
        try {
            spill.append(database, lines);
            writes.forEach(write -> write.done().complete(null));
        } catch (SpillFullException | IOException e) {
            WriterUnavailableException unavailable =
                    new WriterUnavailableException("InfluxDB and the spill cannot take the points now; retry", e);
            writes.forEach(write -> write.done().completeExceptionally(unavailable));
        }
    }

    /**
     * Replays spilled batches, oldest first, until the spill is empty, InfluxDB fails again, or a
     * round's worth is done (new writes are taken between rounds, into the spill behind them).
     * Consecutive batches for the same database go back in one write.
     */
    private void replay() {
        for (int round = 0; round < REPLAY_ROUND && !spill.isEmpty() && System.nanoTime() - nextReplay >= 0; round++) {
            try {
                List<Spill.Entry> oldest = spill.peek(REPLAY_BYTES);
                int from = 0;
                while (from < oldest.size()) {
                    int to = from + 1;
                    while (to < oldest.size()
                            && oldest.get(to).database().equals(oldest.get(from).database())) {
                        to++;
                    }
                    List<Spill.Entry> run = oldest.subList(from, to);
                    if (!replayed(run)) {
                        nextReplay = System.nanoTime() + replayBackoffNanos;
                        return;
                    }
                    spill.consume(run);
                    from = to;
                }
                if (spill.isEmpty()) {
                    log.info("the spill is replayed; writes go to InfluxDB directly again");
                }
            } catch (IOException e) {
                log.error("cannot read the spill; retrying", e);
                nextReplay = System.nanoTime() + replayBackoffNanos;
                return;
            }
        }
    }

    /** False when InfluxDB is still unavailable; batches it refuses for their content are dropped, loudly. */
    private boolean replayed(List<Spill.Entry> run) {
        String database = run.get(0).database();
        String lines = String.join("\n", run.stream().map(Spill.Entry::lines).toList());
        try {
            influx.write(database, "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
        } catch (InfluxDBException e) {
            if (e.isRetryWorth()) {
                return false;
            }
            log.error(
                    "InfluxDB refuses spilled points of {} that were accepted before ({}); they are dropped: {}",
                    database,
                    e.getMessage(),
                    lines);
        }
        return true;
    }

    private static StoreRefusedException refusal(InfluxDBException e) {
        if (e instanceof InfluxDBException.PointsBeyondRetentionPolicyException) {
            return new BeyondRetentionException(
                    "the time is older than the tenant's raw data retention; nothing was stored", e);
        }
        return new StoreRefusedException("InfluxDB refused the points: " + e.getMessage(), e);
    }

    private static String join(List<Pending> writes) {
        if (writes.size() == 1) {
            return writes.get(0).lines();
        }
        StringBuilder lines = new StringBuilder();
        for (Pending write : writes) {
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            lines.append(write.lines());
        }
        return lines.toString();
    }
}
