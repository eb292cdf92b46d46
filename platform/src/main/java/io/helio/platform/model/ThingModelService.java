package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Thing models within one tenant: created (optionally extending another), read with what they
 * inherit, changed only in ways that keep the data of the devices that use them readable, and
 * deleted only when nothing uses them.
 */
public class ThingModelService {

    /** How many dependants a refusal names before it says "and more". */
    private static final int NAMED_USERS = 10;

    private final R2dbcThingModelRepository models;
    private final DirectoryChangeSignal changes;
    private final List<ModelDependants> dependants;
    private final Clock clock;

    public ThingModelService(
            R2dbcThingModelRepository models,
            DirectoryChangeSignal changes,
            List<ModelDependants> dependants,
            Clock clock) {
        this.models = models;
        this.changes = changes;
        this.dependants = List.copyOf(dependants);
        this.clock = clock;
    }

    public Mono<ThingModel> create(
            TenantId tenant,
            ModelId id,
            String name,
            @Nullable String description,
            @Nullable ModelId parent,
            ThingModelElements elements) {
        Mono<ThingModelElements> inherited = parent == null
                ? Mono.just(ThingModelElements.NONE)
                : get(tenant, parent, () -> "the model to extend, '" + parent + "', does not exist")
                        .map(ThingModel::elements);
        return inherited
                .map(fromParent -> {
                    Instant now = now();
                    return valid(() ->
                            new ThingModel(tenant, id, name, description, parent, elements, fromParent, 1, now, now));
                })
                .flatMap(model -> models.insert(model)
                        .onErrorResume(UniqueViolations.as(new ApiException(
                                PlatformError.MODEL_ID_TAKEN, "a thing model '" + id + "' already exists")))
                        .thenReturn(model));
    }

    public Mono<ThingModel> get(TenantId tenant, ModelId id) {
        return get(tenant, id, () -> "no thing model '" + id + "'");
    }

    public Flux<ThingModel> list(
            TenantId tenant,
            @Nullable String namePrefix,
            @Nullable ModelId parent,
            @Nullable ModelId after,
            int limit) {
        return models.list(tenant, namePrefix, parent, after, limit);
    }

    /**
     * Replaces name, description and own elements. Refused when products depend on what would break,
     * or when a model extending this one defines an identifier the change would add.
     */
    public Mono<ThingModel> update(
            TenantId tenant, ModelId id, String name, @Nullable String description, ThingModelElements elements) {
        return get(tenant, id).flatMap(current -> {
            ThingModel changed = valid(() -> new ThingModel(
                    tenant,
                    id,
                    name,
                    description,
                    current.parent(),
                    elements,
                    current.inherited(),
                    current.version() + 1,
                    current.createdAt(),
                    now()));
            return models.descendants(tenant, id)
                    .collectList()
                    .flatMap(descendants -> refuseClashesWithDescendants(tenant, changed, descendants)
                            .then(refuseBreakingChanges(tenant, current, changed, descendants)))
                    .then(models.update(changed))
                    .flatMap(written -> written
                            ? changes.announce("model " + id).thenReturn(changed)
                            : Mono.error(new ApiException(
                                    PlatformError.MODEL_CHANGED_CONCURRENTLY,
                                    "thing model '" + id + "' was changed meanwhile")));
        });
    }

    /** Deletes a model that no product uses and no other model extends. */
    public Mono<Void> delete(TenantId tenant, ModelId id) {
        return get(tenant, id)
                .then(models.descendants(tenant, id).collectList())
                .flatMap(descendants -> {
                    if (!descendants.isEmpty()) {
                        return Mono.error(new ApiException(
                                PlatformError.MODEL_IN_USE,
                                "thing model '" + id + "' is extended by models " + named(descendants)));
                    }
                    return models.productsUsing(tenant, List.of(id)).collectList();
                })
                .flatMap(products -> products.isEmpty()
                        ? models.delete(tenant, id)
                                .onErrorMap(
                                        DataIntegrityViolationException.class,
                                        e -> new ApiException(
                                                PlatformError.MODEL_IN_USE,
                                                "thing model '" + id + "' is used by asset nodes"))
                                .then(changes.announce("model " + id))
                        : Mono.error(new ApiException(
                                PlatformError.MODEL_IN_USE,
                                "thing model '" + id + "' is used by products " + named(products))));
    }

    private Mono<Void> refuseBreakingChanges(
            TenantId tenant, ThingModel current, ThingModel changed, List<ModelId> descendants) {
        List<String> breaks = ModelCompatibility.breakingChanges(current.own(), changed.own());
        if (breaks.isEmpty()) {
            return Mono.empty();
        }
        List<ModelId> affected = new ArrayList<>(descendants);
        affected.add(current.id());
        return models.productsUsing(tenant, affected)
                .collectList()
                .flatMap(products -> products.isEmpty()
                        ? Mono.empty()
                        : Flux.fromIterable(dependants)
                                .concatMap(kind -> kind.of(tenant, affected, products))
                                .collectList()
                                .flatMap(others -> Mono.error(new ApiException(
                                        PlatformError.MODEL_CHANGE_BREAKS_USERS,
                                        String.join("; ", breaks) + ", and products " + named(products)
                                                + " use this model"
                                                + (others.isEmpty() ? "" : ", as do " + String.join(", ", others))))));
    }

    private Mono<Void> refuseClashesWithDescendants(TenantId tenant, ThingModel changed, List<ModelId> descendants) {
        return Flux.fromIterable(descendants)
                .concatMap(descendant -> models.find(tenant, descendant))
                .concatMap(descendant -> changed.own()
                        .all()
                        .filter(element -> descendant.own().find(element.id()).isPresent())
                        .findFirst()
                        .map(clash -> Mono.<Void>error(new ApiException(
                                PlatformError.MODEL_INVALID,
                                "identifier '" + clash.id() + "' is already defined by model '" + descendant.id()
                                        + "', which extends this one")))
                        .orElse(Mono.empty()))
                .then();
    }

    private Mono<ThingModel> get(TenantId tenant, ModelId id, Supplier<String> whenMissing) {
        return models.find(tenant, id)
                .switchIfEmpty(Mono.error(() -> new ApiException(PlatformError.MODEL_NOT_FOUND, whenMissing.get())));
    }

    private static ThingModel valid(Supplier<ThingModel> model) {
        try {
            return model.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(PlatformError.MODEL_INVALID, e.getMessage());
        }
    }

    private static String named(List<?> dependants) {
        List<String> names = dependants.stream()
                .limit(NAMED_USERS)
                .map(dependant -> "'" + dependant + "'")
                .toList();
        return String.join(", ", names)
                + (dependants.size() > NAMED_USERS ? " and " + (dependants.size() - NAMED_USERS) + " more" : "");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
