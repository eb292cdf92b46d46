package io.helio.platform.model;

import java.time.Instant;

/** A device connected ({@code online}) or disconnected at a time. */
public record ConnectionEvent(boolean online, Instant at) {}
