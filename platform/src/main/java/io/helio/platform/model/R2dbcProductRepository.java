package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products in PostgreSQL, their secrets encrypted. */
public class R2dbcProductRepository {

    private static final String COLUMNS =
            "tenant_id, product_key, name, description, model_id, product_type, dynamic_activation,"
                    + " certificate_required, created_at";

    private final DatabaseClient db;
    private final TenantScope scope;
    private final SecretCipher cipher;

    public R2dbcProductRepository(DatabaseClient db, TenantScope scope, SecretCipher cipher) {
        this.db = db;
        this.scope = scope;
        this.cipher = cipher;
    }

    public Mono<Void> insert(Product product, String secret) {
        return scope.mono(
                product.tenant(),
                () -> db.sql(
                                "INSERT INTO products (" + COLUMNS
                                        + ", secret_ciphertext) VALUES (:tenant, :product, :name,"
                                        + " :description, :model, :type, :dynamicActivation, :certificateRequired, :createdAt, :secret)")
                        .bind("tenant", product.tenant().value())
                        .bind("product", product.key().value())
                        .bind("name", product.name())
                        .bind("description", product.description() == null ? "" : product.description())
                        .bind("model", product.model().value())
                        .bind("type", product.type().name())
                        .bind("dynamicActivation", product.dynamicActivation())
                        .bind("certificateRequired", product.certificateRequired())
                        .bind("createdAt", product.createdAt().atOffset(ZoneOffset.UTC))
                        .bind("secret", cipher.encrypt(secret, product.key(), null))
                        .then());
    }

    public Mono<Product> find(TenantId tenant, ProductKey key) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT " + COLUMNS
                                + " FROM products WHERE tenant_id = :tenant AND product_key = :product")
                        .bind("tenant", tenant.value())
                        .bind("product", key.value())
                        .map(R2dbcProductRepository::toProduct)
                        .one());
    }

    /** Products ordered by key, after {@code afterKey} when given, optionally filtered. */
    public Flux<Product> list(
            TenantId tenant,
            @Nullable String namePrefix,
            @Nullable ProductType type,
            @Nullable ProductKey afterKey,
            int limit) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT " + COLUMNS + " FROM products WHERE tenant_id = :tenant"
                                + " AND (CAST(:prefix AS text) IS NULL OR starts_with(name, :prefix))"
                                + " AND (CAST(:type AS text) IS NULL OR product_type = :type)"
                                + " AND (CAST(:after AS text) IS NULL OR product_key > :after)"
                                + " ORDER BY product_key LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind("prefix", Parameters.in(R2dbcType.VARCHAR, namePrefix))
                        .bind("type", Parameters.in(R2dbcType.VARCHAR, type == null ? null : type.name()))
                        .bind("after", Parameters.in(R2dbcType.VARCHAR, afterKey == null ? null : afterKey.value()))
                        .bind("limit", limit)
                        .map(R2dbcProductRepository::toProduct)
                        .all());
    }

    /**
     * The product with this key in whichever tenant owns it. Only device-facing doors use this: a
     * device names its product key before anything tells us its tenant.
     */
    public Mono<Product> findAnyTenant(ProductKey key) {
        return scope.acrossTenants(() -> db.sql("SELECT " + COLUMNS + " FROM products WHERE product_key = :product")
                .bind("product", key.value())
                .map(R2dbcProductRepository::toProduct)
                .one());
    }

    /** For device authentication only: whether a product allows dynamic activation, and its secret. */
    public Mono<ProductCredentials> findCredentials(ProductKey key) {
        return scope.acrossTenants(() -> db.sql(
                        "SELECT dynamic_activation, secret_ciphertext FROM products WHERE product_key = :product")
                .bind("product", key.value())
                .map(row -> new ProductCredentials(
                        key,
                        Boolean.TRUE.equals(row.get("dynamic_activation", Boolean.class)),
                        cipher.decrypt(row.get("secret_ciphertext", byte[].class), key, null)))
                .one());
    }

    private static Product toProduct(Readable row) {
        String description = row.get("description", String.class);
        return new Product(
                TenantId.of(row.get("tenant_id", String.class)),
                ProductKey.of(row.get("product_key", String.class)),
                row.get("name", String.class),
                description == null || description.isEmpty() ? null : description,
                ModelId.of(row.get("model_id", String.class)),
                ProductType.valueOf(row.get("product_type", String.class)),
                Boolean.TRUE.equals(row.get("dynamic_activation", Boolean.class)),
                Boolean.TRUE.equals(row.get("certificate_required", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
