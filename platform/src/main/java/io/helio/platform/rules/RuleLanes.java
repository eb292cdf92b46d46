package io.helio.platform.rules;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Lanes that run rule work one piece after another, each device always in the same lane: a device's
 * values are judged in the order they were stored, alerts included, while devices in different lanes
 * are judged in parallel. Each lane holds a bounded queue; work offered to a full lane is refused and
 * counted (the values are stored regardless; only their judgement is skipped), so a slow database
 * can never make the engine hold more than {@code lanes × capacity} pieces of work.
 */
final class RuleLanes {

    private static final Logger log = LoggerFactory.getLogger(RuleLanes.class);

    private final Sinks.Many<Supplier<Mono<Void>>>[] lanes;
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime());

    @SuppressWarnings("unchecked")
    RuleLanes(int count, int capacity) {
        lanes = new Sinks.Many[count];
        for (int i = 0; i < count; i++) {
            Sinks.Many<Supplier<Mono<Void>>> lane = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(
                            Queues.<Supplier<Mono<Void>>>get(capacity).get());
            lane.asFlux()
                    .concatMap(
                            work -> Mono.defer(work).onErrorResume(failure -> {
                                log.warn("rule work failed", failure);
                                return Mono.empty();
                            }),
                            1)
                    .subscribe();
            lanes[i] = lane;
        }
    }

    /** Queues the work in the key's lane; false (and counted) when that lane is full. */
    boolean offer(Object key, Supplier<Mono<Void>> work) {
        Sinks.Many<Supplier<Mono<Void>>> lane = lanes[Math.floorMod(key.hashCode(), lanes.length)];
        Sinks.EmitResult result;
        synchronized (lane) {
            result = lane.tryEmitNext(work);
        }
        if (result.isSuccess()) {
            return true;
        }
        long total = refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((total == 1 || now - last > WARN_EVERY_NANOS) && lastWarning.compareAndSet(last, now)) {
            log.warn("a rule lane is full ({}): {} judgements skipped since start", result, total);
        }
        return false;
    }
}
