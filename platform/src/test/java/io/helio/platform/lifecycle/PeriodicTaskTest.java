package io.helio.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theRunAtStopFinishesWhatWasLeft() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("counting", HOUR, runs::incrementAndGet, true);
        task.start();

        task.stop();

        assertThat(runs).hasValue(1);
        assertThat(task.isRunning()).isFalse();
    }

    /** A run still going when the platform stops is the run at stop: never two at once, and bounded too. */
    @Test
    void aRunStillGoingAtStopIsTheLastAndIsBounded() throws Exception {
        CountDownLatch going = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        PeriodicTask task = new PeriodicTask(
                "slow",
                Duration.ofMillis(10),
                () -> {
                    runs.incrementAndGet();
                    mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                    going.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(1).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        atOnce.decrementAndGet();
                    }
                },
                true,
                Duration.ofMillis(200));
        task.start();
        assertThat(going.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        task.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(runs).hasValue(1);
        assertThat(mostAtOnce).hasValue(1);
    }

    /** A run at stop that would take long is cut short, so that the tasks stopping after it get their time. */
    @Test
    void theRunAtStopIsInterruptedPastItsTime() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        PeriodicTask task = new PeriodicTask(
                "slow",
                HOUR,
                () -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(1).toMillis());
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                },
                true,
                Duration.ofMillis(200));
        task.start();

        long started = System.nanoTime();
        task.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
