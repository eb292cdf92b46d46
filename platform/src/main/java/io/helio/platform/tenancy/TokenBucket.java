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

    /**
     * Takes {@code count} tokens: 0 if there were enough, otherwise the nanoseconds until there will
     * be. More than a second's worth at once goes ahead when the bucket is full, and leaves it in
     * debt for as long as the excess takes to earn.
     */
    synchronized long take(long now, int count) {
        tokens = Math.min(ratePerSecond, tokens + (now - refilledAt) * (double) ratePerSecond / NANOS_PER_SECOND);
        refilledAt = now;
        double needed = Math.min(count, ratePerSecond);
        if (tokens >= needed) {
            tokens -= count;
            return 0;
        }
        return (long) Math.ceil((needed - tokens) * NANOS_PER_SECOND / ratePerSecond);
    }
}
