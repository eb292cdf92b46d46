package io.helio.platform.cache;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * A bounded cache whose entries in use are read again in the background once they are half the
 * {@code ttl} old, and never served older than {@code ttl}. With expiry alone, every reader of an
 * entry that had just expired waited for the same slow read: for a product's model, every message
 * of every device of the product. A loader that finds nothing completes with null: nothing is
 * cached, and a refresh that finds nothing drops the entry. A refresh under way when the entry is
 * invalidated is discarded, so it cannot bring back what was invalidated.
 */
public final class RefreshAheadCache {

    private RefreshAheadCache() {}

    public static <K, V> AsyncLoadingCache<K, V> of(Duration ttl, long maximumSize, AsyncCacheLoader<K, V> loader) {
        return Caffeine.newBuilder()
                .refreshAfterWrite(ttl.dividedBy(2))
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .buildAsync(loader);
    }
}
