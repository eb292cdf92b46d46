package io.helio.platform.rules;

/** SQL about asset subtrees, whose nodes share their root's path as a prefix. */
final class SubtreeSql {

    private SubtreeSql() {}

    /**
     * A condition: the device (SQL expressions for its product and key) is bound to the subtree's
     * root or a node beneath it (SQL expressions for the tenant, tree and root node).
     */
    static String containsDevice(String tenant, String tree, String node, String product, String device) {
        return "EXISTS (SELECT 1 FROM asset_nodes root JOIN asset_nodes n ON n.tenant_id = root.tenant_id"
                + " AND n.tree_id = root.tree_id AND n.path LIKE root.path || '%' WHERE root.tenant_id = " + tenant
                + " AND root.tree_id = " + tree + " AND root.node_id = " + node + " AND n.device_product_key = "
                + product + " AND n.device_key = " + device + ")";
    }
}
