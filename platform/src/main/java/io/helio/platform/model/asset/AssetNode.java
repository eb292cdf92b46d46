package io.helio.platform.model.asset;

import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ModelId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node of an asset tree, binding a device or a logical asset (a model and attribute values).
 * {@code path} lists the node ids from the root down to this node, as {@code /n1/n2/}.
 */
public record AssetNode(
        String id,
        String treeId,
        @Nullable String parentId,
        String path,
        String name,
        @Nullable DeviceRef device,
        @Nullable ModelId model,
        Map<String, Object> attributes,
        Instant createdAt) {

    public AssetNode {
        attributes = Map.copyOf(attributes);
        if ((device == null) == (model == null)) {
            throw new IllegalArgumentException(
                    "a node binds either a device or a logical asset (a model), not both or neither");
        }
    }

    static String pathUnder(@Nullable AssetNode parent, String id) {
        return (parent == null ? "/" : parent.path()) + id + "/";
    }
}
