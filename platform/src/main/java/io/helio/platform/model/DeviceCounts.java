package io.helio.platform.model;

/** A tenant's devices: all of them, and those online now. */
public record DeviceCounts(long total, long online) {}
