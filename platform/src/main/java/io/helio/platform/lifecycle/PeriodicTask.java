package io.helio.platform.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a piece of work every period on a thread of its own (so the work may block), from when the
 * application has started (the database is migrated by then) until it stops; then, if asked, once
 * more to finish what is left. At stop a task gets {@link #FINISH_WITHIN} for the run still going, if
 * any (which is then the last), else as much for the run at stop.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    /**
     * The phase of a task that finishes what is left at stop: later than the doors that feed it
     * (the MQTT and edge servers, and the web server, whose graceful shutdown is in phase
     * {@code DEFAULT_PHASE - 1024} and whose stop in {@code DEFAULT_PHASE - 2048}), so that what they
     * accepted last is finished too.
     */
    private static final int FINISHING_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    /**
     * How long the run at stop may take. The finishing tasks run one after another, after up to 30 s
     * for open requests, within the 60 s Kubernetes gives a pod to stop (the chart's grace period):
     * one that takes longer (a rollup repair on a slow influxd waits up to a minute a request) would
     * otherwise leave the others no time. What a task leaves waits where it was (late buckets and the
     * audit outbox in PostgreSQL) for the next run on any node.
     */
    static final Duration FINISH_WITHIN = Duration.ofSeconds(10);

    private final String name;
    private final Duration period;
    private final Runnable work;
    private final boolean runOnceMoreAtStop;
    private final Duration finishWithin;
    private volatile @Nullable ScheduledExecutorService running;

    public PeriodicTask(String name, Duration period, Runnable work, boolean runOnceMoreAtStop) {
        this(name, period, work, runOnceMoreAtStop, FINISH_WITHIN);
    }

    PeriodicTask(String name, Duration period, Runnable work, boolean runOnceMoreAtStop, Duration finishWithin) {
        this.name = name;
        this.period = period;
        this.work = work;
        this.runOnceMoreAtStop = runOnceMoreAtStop;
        this.finishWithin = finishWithin;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, name));
        started.scheduleWithFixedDelay(this::runGuarded, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        running = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = running;
        if (current == null) {
            return;
        }
        running = null;
        current.shutdown();
        boolean ended = false;
        try {
            ended = current.awaitTermination(finishWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            // never two runs at once: the one still going is the run at stop, and gets no more time
            log.warn(
                    "{} was still running {} into the stop; interrupted, what it left waits for its next run",
                    name,
                    finishWithin);
            current.shutdownNow();
        } else if (runOnceMoreAtStop) {
            finish();
        }
    }

    /** The run at stop, within {@code finishWithin}: past it the run is interrupted and left. */
    private void finish() {
        Thread finishing = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException failed) {
                        log.warn("{} failed at stop; what it left waits for its next run", name, failed);
                    }
                },
                name + "-at-stop");
        finishing.setDaemon(true); // one that ignores the interrupt does not hold the JVM
        finishing.start();
        try {
            finishing.join(finishWithin.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finishing.isAlive()) {
            log.warn("{} did not finish within {} at stop; what it left waits for its next run", name, finishWithin);
            finishing.interrupt();
        }
    }

    /** A failed run is logged, not thrown: a thrown failure would cancel every later run. */
    private void runGuarded() {
        try {
            work.run();
        } catch (RuntimeException failed) {
            log.warn("{} failed; it runs again in {}", name, period, failed);
        }
    }

    @Override
    public int getPhase() {
        return runOnceMoreAtStop ? FINISHING_PHASE : SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
