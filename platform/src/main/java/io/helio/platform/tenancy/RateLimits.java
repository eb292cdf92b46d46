package io.helio.platform.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** A token bucket per tenant at the rate its quota allows; a quota change takes a new bucket. */
final class RateLimits {

    private final Cache<TenantId, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /** Zero if {@code count} more may go ahead now, otherwise how long to wait. */
    Duration take(TenantId tenant, int ratePerSecond, int count) {
        long now = System.nanoTime();
        TokenBucket bucket = buckets.getIfPresent(tenant); // a read: a cache write per message costs more
        if (bucket == null || bucket.rate() != ratePerSecond) {
            bucket = buckets.asMap()
                    .compute(
                            tenant,
                            (id, current) -> current == null || current.rate() != ratePerSecond
                                    ? new TokenBucket(ratePerSecond, now)
                                    : current);
        }
        return Duration.ofNanos(bucket.take(now, count));
    }
}
