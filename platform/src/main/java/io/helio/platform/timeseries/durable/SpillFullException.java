package io.helio.platform.timeseries.durable;

/** The spill holds as many bytes as it may; nothing more can be accepted until it is replayed. */
public class SpillFullException extends Exception {
    public SpillFullException(long maxBytes) {
        super("the write spill is full (" + maxBytes + " bytes)");
    }
}
