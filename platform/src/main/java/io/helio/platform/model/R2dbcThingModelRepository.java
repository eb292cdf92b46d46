package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thing models in PostgreSQL. A model is read together with the chain of models it extends, so what
 * comes back carries its inherited elements.
 */
public class R2dbcThingModelRepository {

    /** Deep enough for any sensible hierarchy; a longer chain is refused when it is created. */
    public static final int MAX_DEPTH = 8;

    private static final String COLUMNS =
            "model_id, name, description, parent_model_id, elements, version, created_at, updated_at";

    private final DatabaseClient db;
    private final TenantScope scope;
    private final ThingModelDocument documents;

    public R2dbcThingModelRepository(DatabaseClient db, TenantScope scope, JsonMapper json) {
        this.db = db;
        this.scope = scope;
        this.documents = new ThingModelDocument(json);
    }

    public Mono<Void> insert(ThingModel model) {
        return scope.mono(
                model.tenant(),
                () -> db.sql(
                                "INSERT INTO thing_models (tenant_id, " + COLUMNS + ")"
                                        + " VALUES (:tenant, :model, :name, :description, :parent, :elements, :version, :createdAt, :updatedAt)")
                        .bind("tenant", model.tenant().value())
                        .bind("model", model.id().value())
                        .bind("name", model.name())
                        .bind("description", model.description() == null ? "" : model.description())
                        .bind(
                                "parent",
                                nullable(
                                        model.parent() == null
                                                ? null
                                                : model.parent().value()))
                        .bind("elements", Json.of(documents.write(model.own())))
                        .bind("version", model.version())
                        .bind("createdAt", model.createdAt().atOffset(ZoneOffset.UTC))
                        .bind("updatedAt", model.updatedAt().atOffset(ZoneOffset.UTC))
                        .then());
    }

    /** Writes the model if it is still at {@code version - 1}; false when someone changed it meanwhile. */
    public Mono<Boolean> update(ThingModel model) {
        return scope.mono(
                model.tenant(),
                () -> db.sql("UPDATE thing_models SET name = :name, description = :description, elements = :elements,"
                                + " version = :version, updated_at = :updatedAt"
                                + " WHERE tenant_id = :tenant AND model_id = :model AND version = :previous")
                        .bind("tenant", model.tenant().value())
                        .bind("model", model.id().value())
                        .bind("name", model.name())
                        .bind("description", model.description() == null ? "" : model.description())
                        .bind("elements", Json.of(documents.write(model.own())))
                        .bind("version", model.version())
                        .bind("previous", model.version() - 1)
                        .bind("updatedAt", model.updatedAt().atOffset(ZoneOffset.UTC))
                        .fetch()
                        .rowsUpdated()
                        .map(rows -> rows == 1));
    }

    public Mono<Void> delete(TenantId tenant, ModelId id) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM thing_models WHERE tenant_id = :tenant AND model_id = :model")
                        .bind("tenant", tenant.value())
                        .bind("model", id.value())
                        .then());
    }

    public Mono<ThingModel> find(TenantId tenant, ModelId id) {
        return scope.mono(tenant, () -> find(tenant, id, 0));
    }

    /** Models ordered by id, after {@code afterId} when given, optionally filtered. */
    public Flux<ThingModel> list(
            TenantId tenant,
            @Nullable String namePrefix,
            @Nullable ModelId parent,
            @Nullable ModelId afterId,
            int limit) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT model_id FROM thing_models WHERE tenant_id = :tenant"
                                + " AND (CAST(:prefix AS text) IS NULL OR starts_with(name, :prefix))"
                                + " AND (CAST(:parent AS text) IS NULL OR parent_model_id = :parent)"
                                + " AND (CAST(:after AS text) IS NULL OR model_id > :after)"
                                + " ORDER BY model_id LIMIT :limit")
                        .bind("tenant", tenant.value())
                        .bind("prefix", nullable(namePrefix))
                        .bind("parent", nullable(parent == null ? null : parent.value()))
                        .bind("after", nullable(afterId == null ? null : afterId.value()))
                        .bind("limit", limit)
                        .map(row -> ModelId.of(row.get("model_id", String.class)))
                        .all()
                        .concatMap(id -> find(tenant, id)));
    }

    /** The models that extend this one, directly or through others. */
    public Flux<ModelId> descendants(TenantId tenant, ModelId id) {
        return scope.flux(
                tenant,
                () -> db.sql("WITH RECURSIVE tree AS ("
                                + " SELECT model_id FROM thing_models WHERE tenant_id = :tenant AND parent_model_id = :model"
                                + " UNION SELECT m.model_id FROM thing_models m JOIN tree ON m.parent_model_id = tree.model_id"
                                + " WHERE m.tenant_id = :tenant)"
                                + " SELECT model_id FROM tree ORDER BY model_id")
                        .bind("tenant", tenant.value())
                        .bind("model", id.value())
                        .map(row -> ModelId.of(row.get("model_id", String.class)))
                        .all());
    }

    /** Products whose model is one of these, by product key. */
    public Flux<ProductKey> productsUsing(TenantId tenant, List<ModelId> models) {
        return scope.flux(
                tenant,
                () -> db.sql("SELECT product_key FROM products WHERE tenant_id = :tenant AND model_id = ANY(:models)"
                                + " ORDER BY product_key")
                        .bind("tenant", tenant.value())
                        .bind("models", models.stream().map(ModelId::value).toArray(String[]::new))
                        .map(row -> ProductKey.of(row.get("product_key", String.class)))
                        .all());
    }

    private Mono<ThingModel> find(TenantId tenant, ModelId id, int depth) {
        if (depth > MAX_DEPTH) {
            return Mono.error(
                    new IllegalStateException("model '" + id + "' extends more than " + MAX_DEPTH + " levels"));
        }
        return db.sql("SELECT " + COLUMNS + " FROM thing_models WHERE tenant_id = :tenant AND model_id = :model")
                .bind("tenant", tenant.value())
                .bind("model", id.value())
                .map(this::stored)
                .one()
                .flatMap(stored -> {
                    Mono<ThingModelElements> inherited = stored.parent() == null
                            ? Mono.just(ThingModelElements.NONE)
                            : find(tenant, stored.parent(), depth + 1).map(ThingModel::elements);
                    return inherited.map(elements -> stored.withInherited(tenant, elements));
                });
    }

    /** A model row as stored, before its inherited elements are known. */
    private record StoredModel(
            ModelId id,
            String name,
            @Nullable String description,
            @Nullable ModelId parent,
            ThingModelElements own,
            int version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        ThingModel withInherited(TenantId tenant, ThingModelElements inherited) {
            return new ThingModel(
                    tenant,
                    id,
                    name,
                    description,
                    parent,
                    own,
                    inherited,
                    version,
                    createdAt.toInstant(),
                    updatedAt.toInstant());
        }
    }

    private StoredModel stored(Readable row) {
        String parent = row.get("parent_model_id", String.class);
        String description = row.get("description", String.class);
        return new StoredModel(
                ModelId.of(row.get("model_id", String.class)),
                row.get("name", String.class),
                description == null || description.isEmpty() ? null : description,
                parent == null ? null : ModelId.of(parent),
                documents.read(row.get("elements", Json.class).asString()),
                row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class),
                row.get("updated_at", OffsetDateTime.class));
    }

    private static Object nullable(@Nullable String value) {
        return Parameters.in(R2dbcType.VARCHAR, value);
    }
}
