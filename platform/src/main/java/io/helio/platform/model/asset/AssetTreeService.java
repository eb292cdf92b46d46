package io.helio.platform.model.asset;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.AttributeValues;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.RandomKeys;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.model.UniqueViolations;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asset trees within one tenant: nodes bind a device of the tenant or a logical asset whose
 * attributes fit its model; subtrees move and go as a whole.
 */
public class AssetTreeService {

    private static final int NODE_ID_LENGTH = 12;

    private final R2dbcAssetTreeRepository trees;
    private final DeviceService devices;
    private final ThingModelService models;
    private final AttributeValues attributes;
    private final Clock clock;

    public AssetTreeService(
            R2dbcAssetTreeRepository trees,
            DeviceService devices,
            ThingModelService models,
            AttributeValues attributes,
            Clock clock) {
        this.trees = trees;
        this.devices = devices;
        this.models = models;
        this.attributes = attributes;
        this.clock = clock;
    }

    /** What a new node binds: a device, or a logical asset of a model with attribute values. */
    public record Binding(
            @Nullable DeviceRef device, @Nullable ModelId model, Map<String, Object> attributes) {}

    public Mono<AssetTree> createTree(TenantId tenant, ModelId id, String name) {
        AssetTree tree = new AssetTree(tenant, id, name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return trees.insertTree(tree)
                .onErrorResume(UniqueViolations.as(new ApiException(
                        PlatformError.ASSET_TREE_ID_TAKEN, "an asset tree '" + id + "' already exists")))
                .thenReturn(tree);
    }

    public Flux<AssetTree> trees(TenantId tenant) {
        return trees.trees(tenant);
    }

    public Mono<Void> deleteTree(TenantId tenant, ModelId id) {
        return tree(tenant, id).then(trees.deleteTree(tenant, id));
    }

    public Mono<AssetNode> createNode(
            TenantId tenant, ModelId tree, @Nullable String parentId, String name, Binding binding) {
        if ((binding.device() == null) == (binding.model() == null)) {
            return Mono.error(new ApiException(
                    PlatformError.ASSET_NODE_INVALID, "a node binds either a device or an asset, not both or neither"));
        }
        Mono<Optional<AssetNode>> parent = parentId == null
                ? Mono.just(Optional.empty())
                : node(tenant, tree, parentId).map(Optional::of);
        return tree(tenant, tree).then(checked(tenant, binding)).then(parent).flatMap(under -> {
            String id = "n" + RandomKeys.alphanumeric(NODE_ID_LENGTH);
            AssetNode node = new AssetNode(
                    id,
                    tree.value(),
                    parentId,
                    AssetNode.pathUnder(under.orElse(null), id),
                    name,
                    binding.device(),
                    binding.model(),
                    binding.attributes(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return trees.insertNode(tenant, node).thenReturn(node);
        });
    }

    public Mono<AssetNode> node(TenantId tenant, ModelId tree, String nodeId) {
        return tree(tenant, tree)
                .then(trees.findNode(tenant, tree.value(), nodeId))
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.ASSET_NODE_NOT_FOUND, "no node '" + nodeId + "' in asset tree '" + tree + "'")));
    }

    public Flux<AssetNode> children(TenantId tenant, ModelId tree, String nodeId) {
        return node(tenant, tree, nodeId).thenMany(trees.children(tenant, tree.value(), nodeId));
    }

    /** The nodes from the root down to this one. */
    public Mono<List<AssetNode>> path(TenantId tenant, ModelId tree, String nodeId) {
        return node(tenant, tree, nodeId).flatMap(node -> {
            List<String> ids = Arrays.stream(node.path().split("/"))
                    .filter(id -> !id.isEmpty())
                    .toList();
            return trees.nodesById(tenant, tree.value(), ids)
                    .collectSortedList(Comparator.comparingInt(found -> ids.indexOf(found.id())));
        });
    }

    /** Moves the node and its subtree under {@code newParentId} (or to the root level when null). */
    public Mono<AssetNode> move(TenantId tenant, ModelId tree, String nodeId, @Nullable String newParentId) {
        return node(tenant, tree, nodeId).flatMap(node -> {
            Mono<String> newPath = newParentId == null
                    ? Mono.just(AssetNode.pathUnder(null, nodeId))
                    : node(tenant, tree, newParentId)
                            .flatMap(parent -> parent.path().startsWith(node.path())
                                    ? Mono.error(new ApiException(
                                            PlatformError.ASSET_MOVE_INVALID,
                                            "node '" + nodeId + "' cannot move under '" + newParentId
                                                    + "', which is in its own subtree"))
                                    : Mono.just(AssetNode.pathUnder(parent, nodeId)));
            return newPath.flatMap(path -> trees.move(tenant, node, newParentId, path))
                    .then(node(tenant, tree, nodeId));
        });
    }

    public Mono<Void> deleteSubtree(TenantId tenant, ModelId tree, String nodeId) {
        return node(tenant, tree, nodeId).flatMap(node -> trees.deleteSubtree(tenant, node));
    }

    /** Nodes by name (contains, case-insensitive) and by an asset attribute given as {@code key:value}. */
    public Flux<AssetNode> search(TenantId tenant, ModelId tree, @Nullable String name, @Nullable String attribute) {
        int separator = attribute == null ? -1 : attribute.indexOf(':');
        if (attribute != null && separator <= 0) {
            return Flux.error(new ApiException(CommonError.VALIDATION_FAILED, "attribute must be key:value"));
        }
        return tree(tenant, tree)
                .thenMany(trees.search(
                        tenant,
                        tree.value(),
                        name,
                        attribute == null ? null : attribute.substring(0, separator),
                        attribute == null ? null : attribute.substring(separator + 1)));
    }

    /** The binding is the tenant's: its device exists, or its asset's attributes fit its model. */
    private Mono<Void> checked(TenantId tenant, Binding binding) {
        if (binding.device() != null) {
            return devices.get(
                            tenant, binding.device().product(), binding.device().device())
                    .then();
        }
        return models.get(tenant, binding.model())
                .doOnNext(model -> {
                    try {
                        attributes.require(model, binding.attributes());
                    } catch (IllegalArgumentException e) {
                        throw new ApiException(PlatformError.ASSET_NODE_INVALID, e.getMessage());
                    }
                })
                .then();
    }

    private Mono<AssetTree> tree(TenantId tenant, ModelId id) {
        return trees.findTree(tenant, id)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.ASSET_TREE_NOT_FOUND, "no asset tree '" + id + "'")));
    }
}
