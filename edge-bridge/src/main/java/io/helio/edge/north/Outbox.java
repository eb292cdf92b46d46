package io.helio.edge.north;

import io.helio.edge.buffer.BufferedFrame;
import io.helio.edge.buffer.FrameBuffer;
import io.helio.protocol.edge.EdgeAck;
import io.helio.protocol.edge.EdgeFrame;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * One channel's worth of the buffer: its messages in order from the oldest held, as the cloud asks
 * for them, following new ones as they arrive; and the cloud's acknowledgements, which let messages
 * go (a few at a time: one sent again after a crash is acknowledged without being stored twice) or,
 * refused for good, move them to the buffer's rejected table.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int READ_AHEAD = 500;
    private static final int REMOVE_EVERY = 1000;

    private final FrameBuffer buffer;
    private final JsonMapper json;
    private final Scheduler reader;
    private long acknowledgedUpTo;
    private long removedUpTo;

    Outbox(FrameBuffer buffer, JsonMapper json, Scheduler reader) {
        this.buffer = buffer;
        this.json = json;
        this.reader = reader;
    }

    /** The buffer's messages from the oldest held, then each new one, as far as the cloud has asked. */
    Flux<EdgeFrame> frames() {
        return Flux.create(sink -> {
            Pump pump = new Pump(sink);
            Runnable stopListening = buffer.onAppend(pump::wake);
            sink.onRequest(requested -> pump.wake());
            sink.onDispose(() -> {
                pump.stop();
                stopListening.run();
            });
        });
    }

    /** Handles the cloud's answer to a frame; answers come in the frames' order. */
    void acknowledged(EdgeAck ack) {
        if (ack.code() == EdgeAck.NOT_ACCEPTED) {
            log.info("the cloud did not accept message {} now ({}); it is sent again", ack.seq(), ack.message());
            return;
        }
        if (ack.code() != EdgeAck.STORED) {
            log.warn(
                    "the cloud refused message {} for good ({} {}); kept in the rejected table",
                    ack.seq(),
                    ack.code(),
                    ack.message());
            buffer.reject(ack.seq(), ack.code(), ack.message());
        }
        acknowledgedUpTo = ack.seq();
        if (acknowledgedUpTo - removedUpTo >= REMOVE_EVERY) {
            flush();
        }
    }

    /** Lets go of everything acknowledged so far. */
    void flush() {
        if (acknowledgedUpTo > removedUpTo) {
            buffer.removeUpTo(acknowledgedUpTo);
            removedUpTo = acknowledgedUpTo;
        }
    }

    /** Reads and emits on the reader thread, one pass at a time, while the cloud's demand lasts. */
    private final class Pump {

        private final FluxSink<EdgeFrame> sink;
        private final AtomicInteger wakeUps = new AtomicInteger();
        private long sentUpTo;
        private volatile boolean stopped;

        Pump(FluxSink<EdgeFrame> sink) {
            this.sink = sink;
        }

        void wake() {
            if (!stopped && wakeUps.getAndIncrement() == 0) {
                reader.schedule(this::drain);
            }
        }

        void stop() {
            stopped = true;
        }

        private void drain() {
            int missed = 1;
            while (missed != 0) {
                try {
                    pass();
                } catch (RuntimeException failure) {
                    sink.error(failure);
                    return;
                }
                missed = wakeUps.addAndGet(-missed);
            }
        }

        private void pass() {
            while (!stopped && sink.requestedFromDownstream() > 0) {
                List<BufferedFrame> held =
                        buffer.after(sentUpTo, (int) Math.min(READ_AHEAD, sink.requestedFromDownstream()));
                if (held.isEmpty()) {
                    return;
                }
                for (BufferedFrame frame : held) {
                    sink.next(new EdgeFrame(
                            frame.seq(), frame.productKey(), frame.deviceKey(), json.readTree(frame.params())));
                    sentUpTo = frame.seq();
                }
            }
        }
    }
}
