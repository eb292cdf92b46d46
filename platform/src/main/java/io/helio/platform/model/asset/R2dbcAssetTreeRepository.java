package io.helio.platform.model.asset;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ModelId;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Asset trees and their nodes in PostgreSQL; a subtree is every node whose path starts with its root's path. */
public class R2dbcAssetTreeRepository {

    private static final String NODE_COLUMNS = "node_id, tree_id, parent_node_id, path, name, device_product_key,"
            + " device_key, model_id, attributes, created_at";
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};

    private final DatabaseClient db;
    private final TenantScope scope;
    private final JsonMapper json;

    public R2dbcAssetTreeRepository(DatabaseClient db, TenantScope scope, JsonMapper json) {
        this.db = db;
        this.scope = scope;
        this.json = json;
    }

    public Mono<Void> insertTree(AssetTree tree) {
        return scope.mono(
                tree.tenant(),
                () -> db.sql(
                                "INSERT INTO asset_trees (tenant_id, tree_id, name, created_at) VALUES (:tenant, :tree, :name, :at)")
                        .bind("tenant", tree.tenant().value())
                        .bind("tree", tree.id().value())
                        .bind("name", tree.name())
                        .bind("at", tree.createdAt().atOffset(ZoneOffset.UTC))
                        .then());
    }

    public Mono<AssetTree> findTree(TenantId tenant, ModelId tree) {
        return scope.mono(
                tenant,
                () -> db.sql("SELECT name, created_at FROM asset_trees WHERE tenant_id = :tenant AND tree_id = :tree")
                        .bind("tenant", tenant.value())
                        .bind("tree", tree.value())
                        .map(row -> new AssetTree(
                                tenant,
                                tree,
                                row.get("name", String.class),
                                row.get("created_at", OffsetDateTime.class).toInstant()))
                        .one());
    }

    public Flux<AssetTree> trees(TenantId tenant) {
        return scope.flux(
                tenant,
                () -> db.sql(
                                "SELECT tree_id, name, created_at FROM asset_trees WHERE tenant_id = :tenant ORDER BY tree_id")
                        .bind("tenant", tenant.value())
                        .map(row -> new AssetTree(
                                tenant,
                                ModelId.of(row.get("tree_id", String.class)),
                                row.get("name", String.class),
                                row.get("created_at", OffsetDateTime.class).toInstant()))
                        .all());
    }

    public Mono<Void> deleteTree(TenantId tenant, ModelId tree) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM asset_trees WHERE tenant_id = :tenant AND tree_id = :tree")
                        .bind("tenant", tenant.value())
                        .bind("tree", tree.value())
                        .then());
    }

    public Mono<Void> insertNode(TenantId tenant, AssetNode node) {
        return scope.mono(
                tenant,
                () -> db.sql("INSERT INTO asset_nodes (tenant_id, " + NODE_COLUMNS + ") VALUES (:tenant,"
                                + " :node, :tree, :parent, :path, :name, :product, :device, :model, :attributes, :at)")
                        .bind("tenant", tenant.value())
                        .bind("node", node.id())
                        .bind("tree", node.treeId())
                        .bind("parent", text(node.parentId()))
                        .bind("path", node.path())
                        .bind("name", node.name())
                        .bind(
                                "product",
                                text(
                                        node.device() == null
                                                ? null
                                                : node.device().product().value()))
                        .bind(
                                "device",
                                text(
                                        node.device() == null
                                                ? null
                                                : node.device().device().value()))
                        .bind(
                                "model",
                                text(node.model() == null ? null : node.model().value()))
                        .bind("attributes", Json.of(json.writeValueAsString(node.attributes())))
                        .bind("at", node.createdAt().atOffset(ZoneOffset.UTC))
                        .then());
    }

    public Mono<AssetNode> findNode(TenantId tenant, String tree, String node) {
        return nodes(tenant, "tree_id = :tree AND node_id = :node", Map.of("tree", tree, "node", node))
                .next();
    }

    public Flux<AssetNode> children(TenantId tenant, String tree, String parent) {
        return nodes(
                tenant,
                "tree_id = :tree AND parent_node_id = :parent ORDER BY name, node_id",
                Map.of("tree", tree, "parent", parent));
    }

    /** The nodes with these ids, in no particular order. */
    public Flux<AssetNode> nodesById(TenantId tenant, String tree, List<String> ids) {
        return nodes(
                tenant,
                "tree_id = :tree AND node_id = ANY(:ids)",
                Map.of("tree", tree, "ids", ids.toArray(String[]::new)));
    }

    /** Nodes whose name contains {@code name} (case-insensitive) and whose asset has {@code key = value}; null skips a filter. */
    public Flux<AssetNode> search(
            TenantId tenant, String tree, @Nullable String name, @Nullable String key, @Nullable String value) {
        return nodes(
                tenant,
                "tree_id = :tree AND (CAST(:name AS text) IS NULL OR strpos(lower(name), lower(:name)) > 0)"
                        + " AND (CAST(:key AS text) IS NULL OR attributes ->> :key = :value) ORDER BY name, node_id",
                Map.of("tree", tree, "name", text(name), "key", text(key), "value", text(value)));
    }

    /** Moves the subtree rooted at {@code node} to {@code newPath}, under {@code newParent}. */
    public Mono<Void> move(TenantId tenant, AssetNode node, @Nullable String newParent, String newPath) {
        return scope.mono(
                tenant,
                () -> db.sql("UPDATE asset_nodes SET path = :newPath || substr(path, length(:oldPath) + 1),"
                                + " parent_node_id = CASE WHEN node_id = :node THEN :parent ELSE parent_node_id END"
                                + " WHERE tenant_id = :tenant AND tree_id = :tree AND starts_with(path, :oldPath)")
                        .bind("tenant", tenant.value())
                        .bind("tree", node.treeId())
                        .bind("node", node.id())
                        .bind("parent", text(newParent))
                        .bind("oldPath", node.path())
                        .bind("newPath", newPath)
                        .then());
    }

    public Mono<Void> deleteSubtree(TenantId tenant, AssetNode node) {
        return scope.mono(
                tenant,
                () -> db.sql("DELETE FROM asset_nodes WHERE tenant_id = :tenant AND tree_id = :tree"
                                + " AND starts_with(path, :path)")
                        .bind("tenant", tenant.value())
                        .bind("tree", node.treeId())
                        .bind("path", node.path())
                        .then());
    }

    private Flux<AssetNode> nodes(TenantId tenant, String condition, Map<String, Object> parameters) {
        return scope.flux(tenant, () -> {
            DatabaseClient.GenericExecuteSpec query = db.sql(
                            "SELECT " + NODE_COLUMNS + " FROM asset_nodes WHERE tenant_id = :tenant AND " + condition)
                    .bind("tenant", tenant.value());
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                query = query.bind(parameter.getKey(), parameter.getValue());
            }
            return query.map(this::toNode).all();
        });
    }

    private AssetNode toNode(Readable row) {
        String deviceKey = row.get("device_key", String.class);
        String model = row.get("model_id", String.class);
        Json attributes = row.get("attributes", Json.class);
        return new AssetNode(
                row.get("node_id", String.class),
                row.get("tree_id", String.class),
                row.get("parent_node_id", String.class),
                row.get("path", String.class),
                row.get("name", String.class),
                deviceKey == null
                        ? null
                        : new DeviceRef(
                                ProductKey.of(row.get("device_product_key", String.class)), DeviceKey.of(deviceKey)),
                model == null ? null : ModelId.of(model),
                attributes == null ? Map.of() : json.readValue(attributes.asString(), ATTRIBUTES),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static Object text(@Nullable String value) {
        return Parameters.in(R2dbcType.VARCHAR, value);
    }
}
