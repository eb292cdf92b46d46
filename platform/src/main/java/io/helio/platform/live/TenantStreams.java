package io.helio.platform.live;

import io.helio.platform.tenancy.TenantId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Live streams of a tenant's items, for its subscribers only. Each stream buffers what its
 * subscriber has not taken yet, up to {@link #BUFFERED}; beyond that new items are dropped and
 * counted, never waited for, so whoever publishes never slows down for a slow reader. Publishing to
 * a tenant without streams costs a map lookup.
 */
public final class TenantStreams<T> {

    /** Items a stream holds for a subscriber that is not keeping up (a power of two). */
    public static final int BUFFERED = 1024;

    /** An item, and how many the stream dropped since the one before. */
    public record Delivered<T>(T item, long droppedBefore) {}

    private final ConcurrentHashMap<TenantId, Set<Stream<T>>> streams = new ConcurrentHashMap<>();

    public void publish(TenantId tenant, T item) {
        Set<Stream<T>> open = streams.get(tenant);
        if (open != null) {
            open.forEach(stream -> stream.offer(item));
        }
    }

    /** The tenant's items that {@code wanted} accepts, from now on. */
    public Flux<Delivered<T>> subscribe(TenantId tenant, Predicate<T> wanted) {
        return Flux.defer(() -> {
            Stream<T> stream = new Stream<>(wanted);
            streams.compute(tenant, (key, current) -> {
                Set<Stream<T>> open = current == null ? ConcurrentHashMap.newKeySet() : current;
                open.add(stream);
                return open;
            });
            return stream.sink.asFlux().doFinally(ended -> forget(tenant, stream));
        });
    }

    /** How many streams are open, across tenants. */
    public int open() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(TenantId tenant, Stream<T> stream) {
        stream.close();
        streams.computeIfPresent(tenant, (key, open) -> {
            open.remove(stream);
            return open.isEmpty() ? null : open;
        });
    }

    private static final class Stream<T> {
        private final Predicate<T> wanted;
        private final Sinks.Many<Delivered<T>> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<Delivered<T>>get(BUFFERED).get());
        private long dropped;

        Stream(Predicate<T> wanted) {
            this.wanted = wanted;
        }

        /** Publishers offer concurrently; the sink takes one at a time. */
        synchronized void offer(T item) {
            if (!wanted.test(item)) {
                return;
            }
            Sinks.EmitResult result = sink.tryEmitNext(new Delivered<>(item, dropped));
            if (result.isSuccess()) {
                dropped = 0;
            } else if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                dropped++;
            }
        }

        synchronized void close() {
            sink.tryEmitComplete();
        }
    }
}
