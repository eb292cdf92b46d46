-- Asset trees: many per tenant. A node binds a device or a logical asset with its own model and
-- attribute values. path holds the node ids from the root down to the node ('/n1/n2/'), so that a
-- subtree is one prefix: moved or deleted in one statement.
CREATE TABLE asset_trees (
    tenant_id  varchar(16)  NOT NULL,
    tree_id    varchar(128) NOT NULL,
    name       varchar(256) NOT NULL,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, tree_id)
);

CREATE TABLE asset_nodes (
    tenant_id          varchar(16)  NOT NULL,
    tree_id            varchar(128) NOT NULL,
    node_id            varchar(13)  NOT NULL,
    parent_node_id     varchar(13),
    path               text         NOT NULL,
    name               varchar(256) NOT NULL,
    device_product_key varchar(32),
    device_key         varchar(64),
    model_id           varchar(128),
    attributes         jsonb,
    created_at         timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, tree_id, node_id),
    FOREIGN KEY (tenant_id, tree_id) REFERENCES asset_trees (tenant_id, tree_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, model_id) REFERENCES thing_models (tenant_id, model_id),
    CHECK ((device_key IS NULL) <> (model_id IS NULL))
);
CREATE INDEX asset_nodes_children ON asset_nodes (tenant_id, tree_id, parent_node_id);
CREATE INDEX asset_nodes_path ON asset_nodes (tenant_id, tree_id, path text_pattern_ops);

ALTER TABLE asset_trees ENABLE ROW LEVEL SECURITY;
ALTER TABLE asset_nodes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON asset_trees
    USING (tenant_id = current_setting('helio.tenant', true))
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
CREATE POLICY tenant_wall ON asset_nodes
    USING (tenant_id = current_setting('helio.tenant', true))
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON asset_trees, asset_nodes TO ${app_role};
