package io.helio.protocol.edge;

/**
 * The platform's answer to a frame: 200 once its values are durably stored (or were already, for a
 * sequence number seen before), otherwise the device protocol's code with a message, and the frame
 * is not stored: 1204 invalid values, 1257 a device the gateway may not act for, 500 not accepted now
 * (the platform then ends the channel; the edge sends that frame again on a new one).
 */
public record EdgeAck(long seq, int code, String message) {

    public static final int STORED = 200;
    public static final int INVALID = 1204;
    public static final int NOT_ITS_DEVICE = 1257;
    public static final int NOT_ACCEPTED = 500;
}
