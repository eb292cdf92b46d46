package io.helio.platform.model;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * What the device doors look up on every connection and message — a device's credentials, a
 * product's model — served from a bounded cache in front of PostgreSQL. Only found entries are
 * cached (a device created a moment ago is found at once); an entry lives at most {@code ttl}, and
 * everything is forgotten when a model changes anywhere ({@link DirectoryChangeSignal}). An entry in
 * use is read again in the background once it is half the {@code ttl} old: otherwise, each time a
 * product's model expired, every message of every device of that product would wait for the same
 * PostgreSQL read.
 */
public class DeviceDirectory {

    private final R2dbcDeviceRepository devices;
    private final R2dbcProductRepository products;
    private final AsyncLoadingCache<DeviceRef, DeviceCredentials> credentials;
    private final AsyncLoadingCache<ProductKey, ProductModel> productModels;

    public DeviceDirectory(
            R2dbcDeviceRepository devices,
            R2dbcProductRepository products,
            R2dbcThingModelRepository models,
            Duration ttl,
            long maximumSize) {
        this.devices = devices;
        this.products = products;
        this.credentials = cache(
                ttl,
                maximumSize,
                (ref, executor) ->
                        devices.findCredentials(ref.product(), ref.device()).toFuture());
        this.productModels = cache(
                ttl,
                maximumSize,
                (product, executor) -> products.findAnyTenant(product)
                        .flatMap(found ->
                                models.find(found.tenant(), found.model()).map(model -> new ProductModel(found, model)))
                        .toFuture());
    }

    /** A loader that finds nothing completes with null: nothing is cached, and a refresh drops the entry. */
    private static <K, V> AsyncLoadingCache<K, V> cache(Duration ttl, long maximumSize, AsyncCacheLoader<K, V> loader) {
        return Caffeine.newBuilder()
                .refreshAfterWrite(ttl.dividedBy(2))
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .buildAsync(loader);
    }

    /** Drops everything cached, so the next lookup reads PostgreSQL again. */
    public void forgetAll() {
        credentials.synchronous().invalidateAll();
        productModels.synchronous().invalidateAll();
    }

    public Mono<DeviceCredentials> credentials(ProductKey product, DeviceKey device) {
        return Mono.fromFuture(() -> credentials.get(new DeviceRef(product, device)));
    }

    /** Claims a never-connected device for dynamic activation; true only for the first claim. */
    public Mono<Boolean> claimActivation(ProductKey product, DeviceKey device) {
        return devices.claimActivation(product, device)
                .doOnNext(claimed -> credentials.synchronous().invalidate(new DeviceRef(product, device)));
    }

    /** A product's activation credentials; not cached, as devices activate once. */
    public Mono<ProductCredentials> productCredentials(ProductKey product) {
        return products.findCredentials(product);
    }

    /** The product and its model, in whichever tenant owns the product key. */
    public Mono<ProductModel> productModel(ProductKey product) {
        return Mono.fromFuture(() -> productModels.get(product));
    }
}
