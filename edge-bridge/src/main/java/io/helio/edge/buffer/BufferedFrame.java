package io.helio.edge.buffer;

/** A device's message held in the buffer: its sequence number, device and {@code thing.measurepoint.post} params (JSON). */
public record BufferedFrame(long seq, String productKey, String deviceKey, String params) {}
