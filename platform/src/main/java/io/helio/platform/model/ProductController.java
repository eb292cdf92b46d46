package io.helio.platform.model;

import io.helio.platform.api.ProductsApi;
import io.helio.platform.api.model.ProductCreate;
import io.helio.platform.api.model.ProductPage;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class ProductController implements ProductsApi {

    private final ProductService products;

    public ProductController(ProductService products) {
        this.products = products;
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.CreatedProduct>> createProduct(
            Mono<ProductCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    ProductCreate create = tenantAndRequest.getT2();
                    return products.create(
                            tenantAndRequest.getT1(),
                            create.getName(),
                            create.getDescription(),
                            ModelId.of(create.getModelId()),
                            create.getType() == null
                                    ? ProductType.DEVICE
                                    : ProductType.valueOf(create.getType().getValue()),
                            Boolean.TRUE.equals(create.getDynamicActivation()),
                            Boolean.TRUE.equals(create.getCertificateRequired()));
                })
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new io.helio.platform.api.model.CreatedProduct(
                                toApi(created.product()), created.secret())));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Product>> getProduct(
            String productKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> products.get(tenant, ProductKey.of(productKey)))
                .map(product -> ResponseEntity.ok(toApi(product)));
    }

    @Override
    public Mono<ResponseEntity<ProductPage>> listProducts(
            @Nullable String namePrefix,
            io.helio.platform.api.model.@Nullable ProductType type,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        ProductKey after = cursor == null ? null : PageCursor.decode(cursor, 1, key -> ProductKey.of(key.get(0)));
        ProductType productType = type == null ? null : ProductType.valueOf(type.getValue());
        return CurrentTenant.get()
                .flatMapMany(tenant -> products.list(tenant, namePrefix, productType, after, limit + 1))
                .collectList()
                .map(found -> Page.of(
                        found, limit, product -> new String[] {product.key().value()}))
                .map(page -> ResponseEntity.ok(
                        new ProductPage(page.map(ProductController::toApi)).nextCursor(page.nextCursor())));
    }

    private static io.helio.platform.api.model.Product toApi(Product product) {
        return new io.helio.platform.api.model.Product(
                        product.key().value(),
                        product.name(),
                        product.model().value(),
                        io.helio.platform.api.model.ProductType.fromValue(
                                product.type().name()),
                        product.dynamicActivation(),
                        product.certificateRequired(),
                        product.createdAt().atOffset(ZoneOffset.UTC))
                .description(product.description());
    }
}
