package io.helio.platform.tenancy;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, up to one second's worth in reserve.
 * Thread-safe.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(int ratePerSecond, long now) {
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond;
        this.refilledAt = now;
    }

    int rate() {
        return ratePerSecond;
    }

    /** Takes a token: 0 if there was one, otherwise the nanoseconds until there will be. */
    synchronized long take(long now) {
        tokens = Math.min(ratePerSecond, tokens + (now - refilledAt) * (double) ratePerSecond / NANOS_PER_SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / ratePerSecond);
    }
}
