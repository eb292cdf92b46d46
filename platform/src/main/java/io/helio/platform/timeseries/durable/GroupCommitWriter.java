package io.helio.platform.timeseries.durable;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.BeyondRetentionException;
import io.helio.platform.timeseries.InfluxLines;
import io.helio.platform.timeseries.MeasurePointSample;
import io.helio.platform.timeseries.StoreRefusedException;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.timeseries.WriterBusyException;
import io.helio.platform.timeseries.WriterUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Group commit: writes wait in a bounded queue; one thread takes them in batches (up to
 * {@code batchPoints} points, or whatever came within {@code linger}), has each tenant's part written
 * to its database in one request, and completes each write once its points are stored.
 *
 * <p>When InfluxDB cannot take a batch (down, overloaded), or has not answered it within
 * {@code slowWrite}, the batch goes to the {@link Spill} and its writes complete from there; a slow
 * write goes on behind them, and when it succeeds its spilled copy is dropped, else the replay writes
 * its points again (InfluxDB overwrites a point with itself). While anything is spilled, the order of writes holds: a new batch goes to
 * InfluxDB right after the rest of the spill when that is little and InfluxDB idle, else it is
 * spilled behind it; the spill is replayed oldest first, concurrently with new batches, whenever InfluxDB answers
 * again. InfluxDB gets one request at a time, from its own thread; only this class's
 * thread uses the spill. Points older than {@link #SPILL_MAX_AGE} never go to the spill. A write
 * fails, and its caller must not acknowledge, only when it was refused for its content, the queue was
 * full, or neither InfluxDB nor the spill took it.
 */
public final class GroupCommitWriter implements TimeSeriesWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long REPLAY_BYTES = 4L * 1024 * 1024;
    /** At most this much spilled is written ahead of a new batch; more is replayed on its own first. */
    private static final long CATCH_UP_BYTES = 256L * 1024;

    static final int ANSWERS_PER_TASK = 64;

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Points older than this are acknowledged only once InfluxDB has them, never from the spill:
     * InfluxDB could refuse them for their age when the spill is replayed, after their devices were
     * told they were stored. Half the shortest raw retention a tenant can have (one day).
     */
    static final Duration SPILL_MAX_AGE = Duration.ofHours(12);

    private record Pending(String database, String lines, int points, Instant oldest, CompletableFuture<Void> done) {}

    /**
     * The request InfluxDB is working on: the spilled records it carries, and for a write that was
     * too slow, the copy of its batch that went to the spill behind them.
     */
    private record InFlight(
            Future<?> write,
            List<Spill.Entry> replaying,
            @Nullable SpilledCopy copy) {}

    private record SpilledCopy(String database, String lines) {}

    private final InfluxDB influx;
    private final Spill spill;
    private final BiConsumer<String, String> replayedLines;
    private final Timer writeLatency;
    private final Timer acceptance;
    private final int batchPoints;
    private final long lingerNanos;
    private final long slowWriteNanos;
    private final long replayBackoffNanos;
    private final BlockingQueue<Pending> queue;
    private final ExecutorService influxRequests;
    private final Thread committer;
    private volatile boolean running = true;
    private @Nullable InFlight inFlight;
    private long nextReplay;
    /** Whether InfluxDB failed since the spill was last empty (not only slow): its recovery is logged. */
    private boolean failedSinceEmpty;

    /**
     * Registers its metrics: {@code helio.influx.writes} (each write of new points to InfluxDB),
     * {@code helio.influx.acceptance} (a write's time from queued to stored or refused) and
     * {@code helio.spill.bytes}. {@code replayedLines} is told (database, line protocol) of spilled
     * points once InfluxDB has them, on the writer's thread, before the spill forgets them: they
     * reached it later than they were accepted. When it throws, they are replayed again.
     */
    public GroupCommitWriter(
            InfluxDB influx,
            Spill spill,
            WriterSettings settings,
            MeterRegistry registry,
            BiConsumer<String, String> replayedLines) {
        this.influx = influx;
        this.spill = spill;
        this.replayedLines = replayedLines;
        this.writeLatency = Timer.builder("helio.influx.writes")
                .description("batched writes of new points to InfluxDB")
                .publishPercentileHistogram()
                .register(registry);
        this.acceptance = Timer.builder("helio.influx.acceptance")
                .description("device writes, from queued to stored in InfluxDB or the spill, or refused")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("helio.spill.bytes", spill, Spill::size)
                .description("accepted points waiting on disk for InfluxDB")
                .baseUnit("bytes")
                .register(registry);
        this.batchPoints = settings.batchPoints();
        this.lingerNanos = settings.linger().toNanos();
        this.slowWriteNanos = settings.slowWrite().toNanos();
        this.replayBackoffNanos = settings.replayBackoff().toNanos();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.nextReplay = System.nanoTime();
        this.influxRequests = Executors.newSingleThreadExecutor(task -> new Thread(task, "influx-write"));
        this.committer = new Thread(this::run, "influx-group-commit");
        committer.start();
    }

    /** How the writer batches, when it stops waiting for InfluxDB, and how soon it tries again. */
    public record WriterSettings(
            int batchPoints, Duration linger, int queueCapacity, Duration slowWrite, Duration replayBackoff) {}

    /** Lazy: the write is queued when the answer is subscribed to. */
    @Override
    public Mono<Void> write(TenantId tenant, List<MeasurePointSample> samples) {
        return Mono.defer(() -> enqueue(tenant, samples));
    }

    private Mono<Void> enqueue(TenantId tenant, List<MeasurePointSample> samples) {
        Instant oldest = samples.stream()
                .map(MeasurePointSample::time)
                .min(Instant::compareTo)
                .orElseThrow();
        Pending pending = new Pending(
                tenant.timeSeriesDatabase(),
                InfluxLines.encode(samples),
                samples.size(),
                oldest,
                new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            return Mono.error(new WriterBusyException(queue.size()));
        }
        long queued = System.nanoTime();
        pending.done()
                .whenComplete((stored, failure) -> acceptance.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS));
        return Mono.fromFuture(pending.done()); // answered where answer() runs it, off the committer thread
    }

    /**
     * Completes the writes (with {@code failure} unless null) off the committer thread, which should
     * only ever write: {@value #ANSWERS_PER_TASK} to a task, in the order they were queued, rather than
     * a task for each (a hand-off through the scheduler's delay queue, and often a thread woken, for
     * every device message).
     */
    private static void answer(List<Pending> writes, @Nullable Throwable failure) {
        for (int from = 0; from < writes.size(); from += ANSWERS_PER_TASK) {
            List<Pending> part = List.copyOf(writes.subList(from, Math.min(writes.size(), from + ANSWERS_PER_TASK)));
            Runnable complete = () -> part.forEach(pending -> {
                if (failure == null) {
                    pending.done().complete(null);
                } else {
                    pending.done().completeExceptionally(failure);
                }
            });
            try {
                Schedulers.parallel().schedule(complete);
            } catch (RejectedExecutionException stopping) {
                complete.run(); // the scheduler is shut down with the application: answer here rather than never
            }
        }
    }

    /**
     * Stops taking writes, commits what waits, and stops. A replay cut short here is replayed again at
     * the next start.
     */
    @Override
    public void close() throws InterruptedException, IOException {
        running = false;
        committer.join(TimeUnit.SECONDS.toMillis(30));
        influxRequests.shutdownNow();
        spill.close();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                settleInFlight();
                List<Pending> batch = nextBatch();
                if (batch.isEmpty()) {
                    startReplay();
                } else {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.error("the group commit loop failed; it carries on, and replays the spill after a pause", e);
                nextReplay = System.nanoTime() + replayBackoffNanos; // a spill it cannot read fails every round
            }
        }
    }

    private List<Pending> nextBatch() throws InterruptedException {
        boolean replayWaiting = inFlight != null || !spill.isEmpty();
        Pending first = queue.poll(replayWaiting ? BUSY_POLL_NANOS : IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
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

    private void commit(List<Pending> batch) throws InterruptedException, IOException {
        Map<String, List<Pending>> byDatabase = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byDatabase
                    .computeIfAbsent(pending.database(), database -> new ArrayList<>())
                    .add(pending);
        }
        for (Map.Entry<String, List<Pending>> writes : byDatabase.entrySet()) {
            commit(writes.getKey(), writes.getValue());
        }
    }

    private void commit(String database, List<Pending> writes) throws InterruptedException, IOException {
        String lines = join(writes);
        Optional<List<Spill.Entry>> spilledBefore = writtenFirst();
        if (spilledBefore.isEmpty()) {
            spillOrFail(database, lines, writes);
            return;
        }
        List<Spill.Entry> rest = spilledBefore.get();
        Future<?> write = influxRequests.submit(() -> {
            replay(rest);
            writeLatency.record(() -> write(database, lines));
        });
        Optional<Throwable> failure;
        try {
            failure = failure(write, slowWriteNanos);
        } catch (TimeoutException slow) {
            if (writes.stream().allMatch(spillableAt(Instant.now()))
                    && spill(database, lines, writes).isEmpty()) {
                inFlight = new InFlight(write, rest, new SpilledCopy(database, lines));
                return;
            }
            failure = failure(write); // old points, or the spill is full: their devices wait for InfluxDB
        }
        if (failure.isEmpty() || !retryWorth(failure.get())) {
            replayed(rest); // a refusal can only be the batch's: the replay throws only when worth retrying
        }
        if (failure.isEmpty()) {
            answer(writes, null);
        } else if (retryWorth(failure.get())) {
            log.warn(
                    "InfluxDB did not take {} writes for {}; they go to the spill",
                    writes.size(),
                    database,
                    failure.get());
            nextReplay = System.nanoTime() + replayBackoffNanos;
            failedSinceEmpty = true;
            spillOrFail(database, lines, writes);
        } else if (writes.size() > 1) {
            for (Pending pending : writes) {
                commit(database, List.of(pending)); // find which of them it refuses
            }
        } else {
            answer(writes, refusal((InfluxDBException) failure.get()));
        }
    }

    /**
     * The spilled records a batch must follow into InfluxDB, written just before it by the same task:
     * none when the spill is empty, all of them when they are few and InfluxDB is idle; empty when the
     * batch goes to the spill behind them instead, at once (InfluxDB is busy with a replay or a slow
     * write, failed a moment ago, or more than {@link #CATCH_UP_BYTES} is spilled: that goes first,
     * replayed on its own). This is how the writer returns to InfluxDB under steady load: batches keep arriving
     * while a replay runs, and were each spilled behind it, the spill would never be empty again.
     */
    private Optional<List<Spill.Entry>> writtenFirst() throws IOException, InterruptedException {
        settleInFlight();
        if (spill.isEmpty()) {
            return Optional.of(List.of());
        }
        if (inFlight != null || System.nanoTime() - nextReplay < 0) {
            return Optional.empty();
        }
        if (spill.size() <= CATCH_UP_BYTES) {
            List<Spill.Entry> rest = spill.peek(CATCH_UP_BYTES);
            if (bytes(rest) == spill.size()) {
                return Optional.of(rest);
            }
        }
        startReplay();
        return Optional.empty();
    }

    private static long bytes(List<Spill.Entry> entries) {
        return entries.stream().mapToLong(Spill.Entry::size).sum();
    }

    /** Spills what it may ({@link #SPILL_MAX_AGE}); fails the rest, and all when the spill is full. */
    private void spillOrFail(String database, String lines, List<Pending> writes) {
        Map<Boolean, List<Pending>> byAge =
                writes.stream().collect(Collectors.partitioningBy(spillableAt(Instant.now())));
        List<Pending> spillable = byAge.get(true);
        if (!byAge.get(false).isEmpty()) {
            WriterUnavailableException tooOld = new WriterUnavailableException("InfluxDB cannot store points now,"
                    + " and points older than " + SPILL_MAX_AGE.toHours() + " h are accepted only when it can; retry");
            answer(byAge.get(false), tooOld);
        }
        if (spillable.isEmpty()) {
            return;
        }
        String spillableLines = spillable.size() == writes.size() ? lines : join(spillable);
        spill(database, spillableLines, spillable).ifPresent(cause -> {
            WriterUnavailableException unavailable =
                    new WriterUnavailableException("InfluxDB and the spill cannot take the points now; retry", cause);
            answer(spillable, unavailable);
        });
    }

    private static Predicate<Pending> spillableAt(Instant now) {
        Instant oldestSpillable = now.minus(SPILL_MAX_AGE);
        return pending -> pending.oldest().isAfter(oldestSpillable);
    }

    /**
     * Appends the writes to the spill and completes them; when the spill cannot take them, completes
     * nothing and tells why.
     */
    private Optional<Exception> spill(String database, String lines, List<Pending> writes) {
        try {
            spill.append(database, lines);
        } catch (SpillFullException | IOException e) {
            return Optional.of(e);
        }
        answer(writes, null);
        return Optional.empty();
    }

    /** Takes note of the request InfluxDB finished: a replayed part of the spill is consumed. */
    private void settleInFlight() throws IOException, InterruptedException {
        if (inFlight == null || !inFlight.write().isDone()) {
            return;
        }
        InFlight done = inFlight;
        inFlight = null;
        Optional<Throwable> failure = failure(done.write());
        if (failure.isPresent() && retryWorth(failure.get())) {
            nextReplay = System.nanoTime() + replayBackoffNanos; // whatever it carried is still in the spill
        } else {
            replayed(done.replaying());
            if (failure.isEmpty() && done.copy() != null) {
                dropStoredCopy(done.copy());
            }
        }
    }

    /**
     * A slow write InfluxDB took after all: the copy of its batch, now first in the spill, need not
     * be written again (InfluxDB would store it once, but do the work twice when it is slowest).
     */
    private void dropStoredCopy(SpilledCopy copy) throws IOException {
        List<Spill.Entry> first = spill.peek(1);
        if (first.size() == 1
                && first.get(0).database().equals(copy.database())
                && first.get(0).lines().equals(copy.lines())) {
            replayed(first);
        }
    }

    /**
     * Tells of the lines of the records InfluxDB took, and marks them replayed; when the telling fails,
     * they stay in the spill and are replayed again after a pause.
     */
    private void replayed(List<Spill.Entry> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        try {
            records.forEach(record -> replayedLines.accept(record.database(), record.lines()));
        } catch (RuntimeException e) {
            log.warn("could not tell of {} replayed records; they stay in the spill", records.size(), e);
            nextReplay = System.nanoTime() + replayBackoffNanos;
            return;
        }
        spill.consume(records);
        if (spill.isEmpty() && failedSinceEmpty) {
            log.info("the spill is replayed; writes go to InfluxDB directly again");
            failedSinceEmpty = false;
        }
    }

    /** Hands InfluxDB the oldest spilled records, unless it is busy or failed a moment ago. */
    private void startReplay() throws IOException {
        if (inFlight != null || spill.isEmpty() || System.nanoTime() - nextReplay < 0) {
            return;
        }
        List<Spill.Entry> oldest = spill.peek(REPLAY_BYTES);
        inFlight = new InFlight(influxRequests.submit(() -> replay(oldest)), oldest, null);
    }

    /**
     * Writes the records, one request per database (the order between databases does not matter).
     * Throws when InfluxDB is still unavailable; records it refuses for their content are dropped,
     * loudly.
     */
    private void replay(List<Spill.Entry> records) {
        Map<String, List<String>> byDatabase = new LinkedHashMap<>();
        for (Spill.Entry record : records) {
            byDatabase
                    .computeIfAbsent(record.database(), database -> new ArrayList<>())
                    .add(record.lines());
        }
        byDatabase.forEach((database, batches) -> {
            String lines = String.join("\n", batches);
            try {
                write(database, lines);
            } catch (InfluxDBException e) {
                if (e.isRetryWorth()) {
                    throw e;
                }
                log.error(
                        "InfluxDB refuses spilled points of {} that were accepted before ({}); they are dropped: {}",
                        database,
                        e.getMessage(),
                        lines);
            }
        });
    }

    private void write(String database, String lines) {
        influx.write(database, "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
    }

    /** What the finished request failed with, if it failed. */
    private static Optional<Throwable> failure(Future<?> request) throws InterruptedException {
        try {
            return failure(request, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a request without a time limit timed out", e);
        }
    }

    private static Optional<Throwable> failure(Future<?> request, long timeoutNanos)
            throws InterruptedException, TimeoutException {
        try {
            request.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        }
    }

    /** Whether InfluxDB may take the points later: anything but a refusal of their content. */
    private static boolean retryWorth(Throwable failure) {
        return !(failure instanceof InfluxDBException influxFailure) || influxFailure.isRetryWorth();
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
