package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Thing models in PostgreSQL; the measure points are one jsonb document per model. */
public class R2dbcThingModelRepository {

    /** How a measure point is stored in the jsonb column. */
    record MeasurePointRow(String identifier, @Nullable String name, String dataType) {}

    private static final TypeReference<List<MeasurePointRow>> ROWS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    public R2dbcThingModelRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insert(ThingModel model) {
        List<MeasurePointRow> rows = model.measurePoints().stream()
                .map(point -> new MeasurePointRow(
                        point.id().value(), point.name(), point.dataType().name()))
                .toList();
        return db.sql("INSERT INTO thing_models (tenant_id, model_id, name, description, measure_points, created_at)"
                        + " VALUES (:tenant, :model, :name, :description, :points, :createdAt)")
                .bind("tenant", model.tenant().value())
                .bind("model", model.id().value())
                .bind("name", model.name())
                .bind("description", model.description() == null ? "" : model.description())
                .bind("points", Json.of(json.writeValueAsString(rows)))
                .bind("createdAt", model.createdAt().atOffset(ZoneOffset.UTC))
                .then();
    }

    public Mono<ThingModel> find(TenantId tenant, ModelId id) {
        return db.sql("SELECT name, description, measure_points, created_at FROM thing_models"
                        + " WHERE tenant_id = :tenant AND model_id = :model")
                .bind("tenant", tenant.value())
                .bind("model", id.value())
                .map(row -> toModel(tenant, id, row))
                .one();
    }

    private ThingModel toModel(TenantId tenant, ModelId id, Readable row) {
        List<MeasurePoint> points = json
                .readValue(row.get("measure_points", Json.class).asString(), ROWS)
                .stream()
                .map(point -> new MeasurePoint(
                        PointId.of(point.identifier()), point.name(), DataType.valueOf(point.dataType())))
                .toList();
        String description = row.get("description", String.class);
        return new ThingModel(
                tenant,
                id,
                row.get("name", String.class),
                description == null || description.isEmpty() ? null : description,
                points,
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
