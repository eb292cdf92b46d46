package io.helio.platform.model;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import io.helio.platform.cache.RefreshAheadCache;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * What the device doors look up on every connection and message — a device's credentials, a
 * product's model — served from a bounded cache in front of PostgreSQL. Only found entries are
 * cached (a device created a moment ago is found at once); an entry lives at most {@code ttl}, and
 * everything is forgotten when a model changes anywhere ({@link DirectoryChangeSignal}). An entry in
 * use is read again in the background before it expires ({@link RefreshAheadCache}).
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
        this.credentials = RefreshAheadCache.of(
                ttl,
                maximumSize,
                (ref, executor) ->
                        devices.findCredentials(ref.product(), ref.device()).toFuture());
        this.productModels = RefreshAheadCache.of(
                ttl,
                maximumSize,
                (product, executor) -> products.findAnyTenant(product)
                        .flatMap(found ->
                                models.find(found.tenant(), found.model()).map(model -> new ProductModel(found, model)))
                        .toFuture());
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
