package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * What else depends on models beside products (rules, for one), for a refused change to name: each
 * feature that keeps such dependants answers with their descriptions.
 */
public interface ModelDependants {

    /** Descriptions ({@code rule 'overheat'}) of what depends on these models or on these products. */
    Flux<String> of(TenantId tenant, List<ModelId> models, List<ProductKey> products);
}
