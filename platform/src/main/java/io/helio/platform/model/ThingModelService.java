package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Creates and reads thing models, always within one tenant. */
public class ThingModelService {

    private final R2dbcThingModelRepository models;
    private final Clock clock;

    public ThingModelService(R2dbcThingModelRepository models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    public Mono<ThingModel> create(
            TenantId tenant, ModelId id, String name, @Nullable String description, List<MeasurePoint> points) {
        return Mono.fromCallable(() -> new ThingModel(
                        tenant, id, name, description, points, clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> new ApiException(PlatformError.MODEL_INVALID, e.getMessage()))
                .flatMap(model -> models.insert(model)
                        .onErrorResume(UniqueViolations.as(new ApiException(
                                PlatformError.MODEL_ID_TAKEN, "a thing model '" + id + "' already exists")))
                        .thenReturn(model));
    }

    public Mono<ThingModel> get(TenantId tenant, ModelId id) {
        return models.find(tenant, id)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.MODEL_NOT_FOUND, "no thing model '" + id + "'")));
    }
}
