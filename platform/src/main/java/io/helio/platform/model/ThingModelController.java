package io.helio.platform.model;

import io.helio.platform.api.ThingModelsApi;
import io.helio.platform.api.model.MeasurePointDefinition;
import io.helio.platform.api.model.ThingModelCreate;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class ThingModelController implements ThingModelsApi {

    private final ThingModelService models;

    public ThingModelController(ThingModelService models) {
        this.models = models;
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.ThingModel>> createThingModel(
            Mono<ThingModelCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    ThingModelCreate create = tenantAndRequest.getT2();
                    return models.create(
                            tenantAndRequest.getT1(),
                            ModelId.of(create.getModelId()),
                            create.getName(),
                            create.getDescription(),
                            create.getMeasurePoints().stream()
                                    .map(ThingModelController::toDomain)
                                    .toList());
                })
                .map(model -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(model)));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.ThingModel>> getThingModel(
            String modelId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> models.get(tenant, ModelId.of(modelId)))
                .map(model -> ResponseEntity.ok(toApi(model)));
    }

    private static MeasurePoint toDomain(MeasurePointDefinition definition) {
        return new MeasurePoint(
                PointId.of(definition.getIdentifier()),
                definition.getName(),
                DataType.valueOf(definition.getDataType().getValue()));
    }

    private static io.helio.platform.api.model.ThingModel toApi(ThingModel model) {
        return new io.helio.platform.api.model.ThingModel(
                        model.id().value(),
                        model.name(),
                        model.measurePoints().stream()
                                .map(point -> new MeasurePointDefinition(
                                                point.id().value(),
                                                io.helio.platform.api.model.DataType.fromValue(
                                                        point.dataType().name()))
                                        .name(point.name()))
                                .toList(),
                        model.createdAt().atOffset(ZoneOffset.UTC))
                .description(model.description());
    }
}
