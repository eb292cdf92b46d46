package io.helio.platform.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** A token bucket per tenant at the rate its quota allows; a quota change takes a new bucket. */
final class ApiRateLimits {

    private final Cache<TenantId, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /** Zero if the request may go ahead, otherwise how long to wait. */
    Duration take(TenantId tenant, int ratePerSecond) {
        long now = System.nanoTime();
        TokenBucket bucket = buckets.asMap()
                .compute(
                        tenant,
                        (id, current) -> current == null || current.rate() != ratePerSecond
                                ? new TokenBucket(ratePerSecond, now)
                                : current);
        return Duration.ofNanos(bucket.take(now));
    }
}
