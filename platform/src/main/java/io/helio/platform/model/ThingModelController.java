package io.helio.platform.model;

import io.helio.platform.api.ThingModelsApi;
import io.helio.platform.api.model.ThingModelCreate;
import io.helio.platform.api.model.ThingModelPage;
import io.helio.platform.api.model.ThingModelUpdate;
import io.helio.platform.tenancy.CurrentTenant;
import org.jspecify.annotations.Nullable;
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
                            create.getExtends() == null ? null : ModelId.of(create.getExtends()),
                            ThingModelApiMapper.toDomain(create.getElements()));
                })
                .map(model -> ResponseEntity.status(HttpStatus.CREATED).body(ThingModelApiMapper.toApi(model)));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.ThingModel>> getThingModel(
            String modelId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> models.get(tenant, ModelId.of(modelId)))
                .map(model -> ResponseEntity.ok(ThingModelApiMapper.toApi(model)));
    }

    @Override
    public Mono<ResponseEntity<ThingModelPage>> listThingModels(
            @Nullable String namePrefix,
            @Nullable String parent,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        ModelId after = cursor == null ? null : PageCursor.decode(cursor, 1, key -> ModelId.of(key.get(0)));
        return CurrentTenant.get()
                .flatMapMany(tenant ->
                        models.list(tenant, namePrefix, parent == null ? null : ModelId.of(parent), after, limit + 1))
                .collectList()
                .map(found ->
                        Page.of(found, limit, model -> new String[] {model.id().value()}))
                .map(page -> ResponseEntity.ok(
                        new ThingModelPage(page.map(ThingModelApiMapper::toApi)).nextCursor(page.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.ThingModel>> updateThingModel(
            String modelId, Mono<ThingModelUpdate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    ThingModelUpdate update = tenantAndRequest.getT2();
                    return models.update(
                            tenantAndRequest.getT1(),
                            ModelId.of(modelId),
                            update.getName(),
                            update.getDescription(),
                            ThingModelApiMapper.toDomain(update.getElements()));
                })
                .map(model -> ResponseEntity.ok(ThingModelApiMapper.toApi(model)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteThingModel(String modelId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> models.delete(tenant, ModelId.of(modelId)))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
