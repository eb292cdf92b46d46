-- When each device connected and disconnected, newest first per device; behind the tenant wall.
CREATE TABLE device_connection_events (
    id          bigserial   PRIMARY KEY,
    tenant_id   varchar(16) NOT NULL,
    product_key varchar(32) NOT NULL,
    device_key  varchar(64) NOT NULL,
    online      boolean     NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX device_connection_events_by_device
    ON device_connection_events (tenant_id, product_key, device_key, at DESC, id DESC);

ALTER TABLE device_connection_events ENABLE ROW LEVEL SECURITY;
-- the device door, which knows no tenant, records them naming '*'
CREATE POLICY tenant_wall ON device_connection_events
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');

GRANT SELECT, INSERT, DELETE ON device_connection_events TO ${app_role};
GRANT USAGE ON SEQUENCE device_connection_events_id_seq TO ${app_role};
