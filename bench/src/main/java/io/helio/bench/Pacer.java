package io.helio.bench;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Has devices post at a set period each, whatever the answers, from one tick a millisecond per
 * event loop. A timer per device kept the loops waking every few microseconds: at 10,000 messages/s
 * the simulated devices used 0.7–0.8 of a core, nearly as much as the platform, on the same two
 * cores (0.4–0.5 with the tick), and every latency measured that contention too.
 */
final class Pacer implements Recorder.Start {

    private static final long TICK_MICROS = 1_000;

    private final long periodNanos;
    private final Map<EventLoop, List<Paced>> byLoop = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

    private static final class Paced {
        final SimulatedDevice device;
        long due;

        Paced(SimulatedDevice device, long due) {
            this.device = device;
            this.due = due;
        }
    }

    Pacer(long periodMicros) {
        this.periodNanos = TimeUnit.MICROSECONDS.toNanos(periodMicros);
    }

    /** The device posts from its first due time, a random part of a period from now. */
    @Override
    public void on(SimulatedDevice device) {
        EventLoop loop = device.eventLoop();
        long due = System.nanoTime() + ThreadLocalRandom.current().nextLong(periodNanos);
        loop.execute(() -> byLoop.computeIfAbsent(loop, this::startTicking).add(new Paced(device, due)));
    }

    /** No device posts after this. */
    @Override
    public void stop() {
        synchronized (ticks) {
            ticks.forEach(tick -> tick.cancel(false));
        }
    }

    private List<Paced> startTicking(EventLoop loop) {
        List<Paced> devices = new ArrayList<>(); // touched only on its loop
        ScheduledFuture<?> tick =
                loop.scheduleAtFixedRate(() -> postDue(devices), TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
        synchronized (ticks) {
            ticks.add(tick);
        }
        return devices;
    }

    private void postDue(List<Paced> devices) {
        long now = System.nanoTime();
        for (Paced paced : devices) {
            while (paced.due - now <= 0) {
                paced.device.post();
                paced.due += periodNanos;
            }
        }
    }
}
