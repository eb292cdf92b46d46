package io.helio.platform.rules;

import io.helio.platform.model.ModelDependants;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.util.List;
import reactor.core.publisher.Flux;

/** Names the rules that a refused model change would break. */
class RuleDependants implements ModelDependants {

    private static final int NAMED = 10;

    private final R2dbcRuleRepository rules;

    RuleDependants(R2dbcRuleRepository rules) {
        this.rules = rules;
    }

    @Override
    public Flux<String> of(TenantId tenant, List<ModelId> models, List<ProductKey> products) {
        return rules.watching(tenant, models, products).collectList().flatMapMany(ids -> {
            if (ids.isEmpty()) {
                return Flux.empty();
            }
            List<String> named =
                    ids.stream().limit(NAMED).map(id -> "'" + id + "'").toList();
            return Flux.just("rules " + String.join(", ", named)
                    + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : ""));
        });
    }
}
