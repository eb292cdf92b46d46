package io.helio.platform.connect;

import java.util.concurrent.Executors;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Single-thread lanes, one per core, where device requests are decoded, checked and handed to
 * storage: a session always uses the same lane, so one device's requests stay in order, while
 * different devices' requests run in parallel. What waits for a lane is bounded by the
 * dispatcher's in-flight limit. A lane's queue is a plain FIFO: Reactor's single schedulers keep
 * theirs as a heap of timed tasks, and with thousands of requests waiting its reordering on every
 * hand-over was some 2 % of the platform's CPU at full rate.
 */
final class DeviceLanes implements AutoCloseable {

    private final Scheduler[] lanes;

    DeviceLanes(int count) {
        lanes = new Scheduler[count];
        for (int i = 0; i < count; i++) {
            String name = "device-lane-" + i;
            lanes[i] = Schedulers.fromExecutorService(
                    Executors.newSingleThreadExecutor(task -> new Thread(task, name)), name);
        }
    }

    Scheduler of(String clientId) {
        return lanes[Math.floorMod(clientId.hashCode(), lanes.length)];
    }

    @Override
    public void close() {
        for (Scheduler lane : lanes) {
            lane.dispose();
        }
    }
}
