-- Rules get other kinds of condition than an expression (a window, no data, offline, an event; their
-- parameters as JSON) and commands to send to the device when their alerts open or recover.
ALTER TABLE rules ALTER COLUMN expression DROP NOT NULL;
ALTER TABLE rules ADD COLUMN trigger_kind varchar(16) NOT NULL DEFAULT 'EXPRESSION';
ALTER TABLE rules ADD COLUMN trigger_spec jsonb;
ALTER TABLE rules ADD COLUMN commands jsonb NOT NULL DEFAULT '[]';
CREATE INDEX rules_watching_silence ON rules (tenant_id) WHERE enabled AND trigger_kind IN ('NO_DATA', 'OFFLINE');
-- the silence watch, which serves every tenant, finds the tenants that have such rules naming '*'
CREATE POLICY silence_watch ON rules FOR SELECT USING (current_setting('helio.tenant', true) = '*');

-- An event's alert holds until a user closes it (no condition clears it).
ALTER TABLE alerts ADD COLUMN ends_on_close boolean NOT NULL DEFAULT false;

-- When each device last posted new values, to within half a minute, for rules on silence.
CREATE TABLE device_data_arrivals (
    tenant_id   varchar(16) NOT NULL,
    product_key varchar(32) NOT NULL,
    device_key  varchar(64) NOT NULL,
    last_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, product_key, device_key)
);
ALTER TABLE device_data_arrivals ENABLE ROW LEVEL SECURITY;
-- written in batches across tenants, naming '*'
CREATE POLICY tenant_wall ON device_data_arrivals
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');
GRANT SELECT, INSERT, UPDATE, DELETE ON device_data_arrivals TO ${app_role};
