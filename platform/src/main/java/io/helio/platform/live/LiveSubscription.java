package io.helio.platform.live;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One subscriber's stream: the fields of some devices of one product. Events wait in a bounded buffer
 * until the subscriber takes them; when it is full, new events are dropped and counted, never waited
 * for, so ingestion does not slow down for a slow reader.
 */
final class LiveSubscription {

    private final ProductKey product;
    private final Set<DeviceKey> devices;
    private final Set<String> fields;
    private final Sinks.Many<LiveEvent> sink;
    private long dropped;

    LiveSubscription(ProductKey product, Set<DeviceKey> devices, Set<String> fields, int buffer) {
        this.product = product;
        this.devices = Set.copyOf(devices);
        this.fields = Set.copyOf(fields);
        this.sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<LiveEvent>get(buffer).get());
    }

    Flux<LiveEvent> events() {
        return sink.asFlux();
    }

    /** Ingestion threads offer concurrently; the sink takes one at a time. */
    synchronized void offer(MeasurePointSample sample) {
        if (!sample.product().equals(product) || !devices.contains(sample.device())) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        sample.values().forEach((field, value) -> {
            if (fields.contains(field)) {
                values.put(field, value);
            }
        });
        if (values.isEmpty()) {
            return;
        }
        Sinks.EmitResult result =
                sink.tryEmitNext(new LiveEvent(sample.product(), sample.device(), sample.time(), values, dropped));
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
