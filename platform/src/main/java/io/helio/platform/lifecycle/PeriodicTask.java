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
 * more to finish what is left.
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

    private final String name;
    private final Duration period;
    private final Runnable work;
    private final boolean runOnceMoreAtStop;
    private volatile @Nullable ScheduledExecutorService running;

    public PeriodicTask(String name, Duration period, Runnable work, boolean runOnceMoreAtStop) {
        this.name = name;
        this.period = period;
        this.work = work;
        this.runOnceMoreAtStop = runOnceMoreAtStop;
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
        try {
            current.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runOnceMoreAtStop) {
            work.run();
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
