-- The highest sequence number of each edge (its gateway device) whose telemetry is stored: what it
-- sends again after a reconnection is acknowledged without being stored twice.
CREATE TABLE edge_sequences (
    tenant_id   varchar(16) NOT NULL,
    product_key varchar(32) NOT NULL,
    device_key  varchar(64) NOT NULL,
    last_seq    bigint      NOT NULL,
    PRIMARY KEY (tenant_id, product_key, device_key)
);
ALTER TABLE edge_sequences ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON edge_sequences
    USING (tenant_id = current_setting('helio.tenant', true))
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON edge_sequences TO ${app_role};
