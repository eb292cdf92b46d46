package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Creates and reads products; a product's key is generated here. */
public class ProductService {

    private static final int KEY_LENGTH = 10;

    private final R2dbcProductRepository products;
    private final ThingModelService models;
    private final Clock clock;

    public ProductService(R2dbcProductRepository products, ThingModelService models, Clock clock) {
        this.products = products;
        this.models = models;
        this.clock = clock;
    }

    public Mono<Product> create(TenantId tenant, String name, @Nullable String description, ModelId model) {
        return models.get(tenant, model).flatMap(found -> {
            Product product = new Product(
                    tenant,
                    ProductKey.of(RandomKeys.alphanumeric(KEY_LENGTH)),
                    name,
                    description,
                    model,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return products.insert(product).thenReturn(product);
        });
    }

    public Mono<Product> get(TenantId tenant, ProductKey key) {
        return products.find(tenant, key)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.PRODUCT_NOT_FOUND, "no product '" + key + "'")));
    }
}
