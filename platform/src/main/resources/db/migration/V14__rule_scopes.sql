-- A rule watches a product's devices, or a model's (all of them, or those bound into an asset subtree).
ALTER TABLE rules ALTER COLUMN product_key DROP NOT NULL;
ALTER TABLE rules ADD COLUMN model_id varchar(128);
ALTER TABLE rules ADD COLUMN asset_tree_id varchar(128);
ALTER TABLE rules ADD COLUMN asset_node_id varchar(13);
ALTER TABLE rules ADD CONSTRAINT rules_watch_a_product_or_a_model CHECK ((product_key IS NULL) <> (model_id IS NULL));
CREATE INDEX rules_by_model ON rules (tenant_id, model_id) WHERE enabled;
