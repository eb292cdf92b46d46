package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.platform.api.ThingModelsApi;
import io.helio.platform.api.model.ThingModelCreate;
import io.helio.platform.api.model.ThingModelPage;
import io.helio.platform.api.model.ThingModelUpdate;
import io.helio.platform.tenancy.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
        ModelId after = cursor == null ? null : decodeCursor(cursor);
        return CurrentTenant.get()
                .flatMapMany(tenant ->
                        models.list(tenant, namePrefix, parent == null ? null : ModelId.of(parent), after, limit + 1))
                .collectList()
                .map(found -> {
                    List<ThingModel> page = found.subList(0, Math.min(limit, found.size()));
                    ThingModelPage body = new ThingModelPage(
                            page.stream().map(ThingModelApiMapper::toApi).toList());
                    if (found.size() > limit) {
                        body.nextCursor(encodeCursor(page.get(page.size() - 1).id()));
                    }
                    return ResponseEntity.ok(body);
                });
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

    private static String encodeCursor(ModelId last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(last.value().getBytes(StandardCharsets.UTF_8));
    }

    private static ModelId decodeCursor(String cursor) {
        try {
            return ModelId.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "cursor is not one this API issued");
        }
    }
}
