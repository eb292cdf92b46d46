package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which devices a rule watches. */
sealed interface RuleScope {

    /** A product's devices: all of them when {@code devices} is empty. */
    record OfProduct(ProductKey product, List<DeviceKey> devices) implements RuleScope {
        public OfProduct {
            devices = List.copyOf(devices);
        }
    }

    /** The devices of every product of a model: all of them, or those bound into an asset subtree. */
    record OfModel(ModelId model, @Nullable AssetSubtree subtree) implements RuleScope {}

    /** A node of an asset tree and the nodes beneath it. */
    record AssetSubtree(String treeId, String nodeId) {}
}
