-- A second wall beneath the repositories: every tenant-owned row is visible and writable only when
-- the transaction has named its tenant (set_config('helio.tenant', ...)). The device door, which
-- learns a device's tenant from its keys, names '*' for those few lookups. The service connects as
-- ${app_role}, which is neither superuser nor owner, so the policies apply to it.
ALTER TABLE thing_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
ALTER TABLE devices ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_wall ON thing_models
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
CREATE POLICY tenant_wall ON products
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
CREATE POLICY tenant_wall ON devices
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');

GRANT SELECT, INSERT, UPDATE, DELETE ON thing_models, products, devices TO ${app_role};
