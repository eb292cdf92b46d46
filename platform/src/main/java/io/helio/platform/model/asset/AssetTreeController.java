package io.helio.platform.model.asset;

import io.helio.platform.api.AssetTreesApi;
import io.helio.platform.api.model.AssetNodeCreate;
import io.helio.platform.api.model.AssetNodeList;
import io.helio.platform.api.model.AssetNodeMove;
import io.helio.platform.api.model.AssetTreeCreate;
import io.helio.platform.api.model.AssetTreeList;
import io.helio.platform.api.model.LogicalAsset;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class AssetTreeController implements AssetTreesApi {

    private final AssetTreeService assets;

    public AssetTreeController(AssetTreeService assets) {
        this.assets = assets;
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.AssetTree>> createAssetTree(
            Mono<AssetTreeCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> assets.createTree(
                        tenantAndRequest.getT1(),
                        ModelId.of(tenantAndRequest.getT2().getTreeId()),
                        tenantAndRequest.getT2().getName()))
                .map(tree -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(tree)));
    }

    @Override
    public Mono<ResponseEntity<AssetTreeList>> listAssetTrees(ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMapMany(assets::trees)
                .map(AssetTreeController::toApi)
                .collectList()
                .map(items -> ResponseEntity.ok(new AssetTreeList(items)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteAssetTree(String treeId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> assets.deleteTree(tenant, ModelId.of(treeId)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.AssetNode>> createAssetNode(
            String treeId, Mono<AssetNodeCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    AssetNodeCreate create = tenantAndRequest.getT2();
                    io.helio.platform.api.model.DeviceRef device = create.getDevice();
                    LogicalAsset asset = create.getAsset();
                    return assets.createNode(
                            tenantAndRequest.getT1(),
                            ModelId.of(treeId),
                            create.getParentNodeId(),
                            create.getName(),
                            new AssetTreeService.Binding(
                                    device == null
                                            ? null
                                            : new DeviceRef(
                                                    ProductKey.of(device.getProductKey()),
                                                    DeviceKey.of(device.getDeviceKey())),
                                    asset == null ? null : ModelId.of(asset.getModelId()),
                                    asset == null || asset.getAttributes() == null
                                            ? new HashMap<>()
                                            : new HashMap<>(asset.getAttributes())));
                })
                .map(node -> ResponseEntity.status(HttpStatus.CREATED).body(toApi(node)));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.AssetNode>> getAssetNode(
            String treeId, String nodeId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> assets.node(tenant, ModelId.of(treeId), nodeId))
                .map(node -> ResponseEntity.ok(toApi(node)));
    }

    @Override
    public Mono<ResponseEntity<AssetNodeList>> listAssetChildren(
            String treeId, String nodeId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMapMany(tenant -> assets.children(tenant, ModelId.of(treeId), nodeId))
                .collectList()
                .map(AssetTreeController::page);
    }

    @Override
    public Mono<ResponseEntity<AssetNodeList>> getAssetPath(String treeId, String nodeId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> assets.path(tenant, ModelId.of(treeId), nodeId))
                .map(AssetTreeController::page);
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.AssetNode>> moveAssetSubtree(
            String treeId, String nodeId, Mono<AssetNodeMove> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> assets.move(
                        tenantAndRequest.getT1(),
                        ModelId.of(treeId),
                        nodeId,
                        tenantAndRequest.getT2().getParentNodeId()))
                .map(node -> ResponseEntity.ok(toApi(node)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteAssetSubtree(String treeId, String nodeId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> assets.deleteSubtree(tenant, ModelId.of(treeId), nodeId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<AssetNodeList>> searchAssetNodes(
            String treeId, @Nullable String name, @Nullable String attribute, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMapMany(tenant -> assets.search(tenant, ModelId.of(treeId), name, attribute))
                .collectList()
                .map(AssetTreeController::page);
    }

    private static ResponseEntity<AssetNodeList> page(List<AssetNode> nodes) {
        return ResponseEntity.ok(
                new AssetNodeList(nodes.stream().map(AssetTreeController::toApi).toList()));
    }

    private static io.helio.platform.api.model.AssetTree toApi(AssetTree tree) {
        return new io.helio.platform.api.model.AssetTree(
                tree.id().value(), tree.name(), tree.createdAt().atOffset(ZoneOffset.UTC));
    }

    private static io.helio.platform.api.model.AssetNode toApi(AssetNode node) {
        return new io.helio.platform.api.model.AssetNode(
                        node.id(), node.treeId(), node.name(), node.createdAt().atOffset(ZoneOffset.UTC))
                .parentNodeId(node.parentId())
                .device(
                        node.device() == null
                                ? null
                                : new io.helio.platform.api.model.DeviceRef(
                                        node.device().product().value(),
                                        node.device().device().value()))
                .asset(
                        node.model() == null
                                ? null
                                : new LogicalAsset(node.model().value()).attributes(node.attributes()));
    }
}
