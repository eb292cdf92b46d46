package io.helio.platform.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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
        if (!holds(bucket, ratePerSecond)) {
            bucket = buckets.asMap()
                    .compute(
                            tenant,
                            (id, current) ->
                                    holds(current, ratePerSecond) ? current : new TokenBucket(ratePerSecond, now));
        }
        return Duration.ofNanos(bucket.take(now, count));
    }

    /** True when {@code bucket} is there and still at the quota's rate. */
    private static boolean holds(@Nullable TokenBucket bucket, int ratePerSecond) {
        return bucket != null && bucket.rate() == ratePerSecond;
    }
}
