package io.helio.platform.model;

import io.helio.platform.api.ProductsApi;
import io.helio.platform.api.model.ProductCreate;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
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
    public Mono<ResponseEntity<io.helio.platform.api.model.Product>> createProduct(
            Mono<ProductCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> products.create(
                        tenantAndRequest.getT1(),
                        tenantAndRequest.getT2().getName(),
                        tenantAndRequest.getT2().getDescription(),
                        ModelId.of(tenantAndRequest.getT2().getModelId())))
                .map(product -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(product)));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Product>> getProduct(
            String productKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> products.get(tenant, ProductKey.of(productKey)))
                .map(product -> ResponseEntity.ok(toApi(product)));
    }

    private static io.helio.platform.api.model.Product toApi(Product product) {
        return new io.helio.platform.api.model.Product(
                        product.key().value(),
                        product.name(),
                        product.model().value(),
                        product.createdAt().atOffset(ZoneOffset.UTC))
                .description(product.description());
    }
}
