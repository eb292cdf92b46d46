package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates and reads products; a product's key and secret are generated here. */
public class ProductService {

    private static final int KEY_LENGTH = 10;
    private static final int SECRET_LENGTH = 32;

    private final R2dbcProductRepository products;
    private final ThingModelService models;
    private final Clock clock;

    public ProductService(R2dbcProductRepository products, ThingModelService models, Clock clock) {
        this.products = products;
        this.models = models;
        this.clock = clock;
    }

    public Mono<CreatedProduct> create(
            TenantId tenant,
            String name,
            @Nullable String description,
            ModelId model,
            ProductType type,
            boolean dynamicActivation,
            boolean certificateRequired) {
        return models.get(tenant, model).flatMap(found -> {
            Product product = new Product(
                    tenant,
                    ProductKey.of(RandomKeys.alphanumeric(KEY_LENGTH)),
                    name,
                    description,
                    model,
                    type,
                    dynamicActivation,
                    certificateRequired,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            String secret = RandomKeys.alphanumeric(SECRET_LENGTH);
            return products.insert(product, secret).thenReturn(new CreatedProduct(product, secret));
        });
    }

    public Mono<Product> get(TenantId tenant, ProductKey key) {
        return products.find(tenant, key)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.PRODUCT_NOT_FOUND, "no product '" + key + "'")));
    }

    public Flux<Product> list(
            TenantId tenant,
            @Nullable String namePrefix,
            @Nullable ProductType type,
            @Nullable ProductKey after,
            int limit) {
        return products.list(tenant, namePrefix, type, after, limit);
    }
}
