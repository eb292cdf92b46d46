package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Products in PostgreSQL. */
public class R2dbcProductRepository {

    private static final String COLUMNS = "tenant_id, product_key, name, description, model_id, created_at";

    private final DatabaseClient db;

    public R2dbcProductRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Product product) {
        return db.sql("INSERT INTO products (" + COLUMNS + ")"
                        + " VALUES (:tenant, :product, :name, :description, :model, :createdAt)")
                .bind("tenant", product.tenant().value())
                .bind("product", product.key().value())
                .bind("name", product.name())
                .bind("description", product.description() == null ? "" : product.description())
                .bind("model", product.model().value())
                .bind("createdAt", product.createdAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    public Mono<Product> find(TenantId tenant, ProductKey key) {
        return db.sql("SELECT " + COLUMNS + " FROM products WHERE tenant_id = :tenant AND product_key = :product")
                .bind("tenant", tenant.value())
                .bind("product", key.value())
                .map(R2dbcProductRepository::toProduct)
                .one();
    }

    /**
     * The product with this key in whichever tenant owns it. Only device-facing doors use this: a
     * device names its product key before anything tells us its tenant.
     */
    public Mono<Product> findAnyTenant(ProductKey key) {
        return db.sql("SELECT " + COLUMNS + " FROM products WHERE product_key = :product")
                .bind("product", key.value())
                .map(R2dbcProductRepository::toProduct)
                .one();
    }

    private static Product toProduct(Readable row) {
        String description = row.get("description", String.class);
        return new Product(
                TenantId.of(row.get("tenant_id", String.class)),
                ProductKey.of(row.get("product_key", String.class)),
                row.get("name", String.class),
                description == null || description.isEmpty() ? null : description,
                ModelId.of(row.get("model_id", String.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
