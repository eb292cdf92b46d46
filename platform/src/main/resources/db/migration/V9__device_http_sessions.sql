-- The HTTP door's device sessions, shared by every platform node: a device may log in on one node and
-- post to another. Only a hash of the session id is kept, so the table alone opens no session.
CREATE TABLE device_http_sessions (
    session_hash bytea       PRIMARY KEY,
    tenant_id    varchar(16) NOT NULL,
    product_key  varchar(32) NOT NULL,
    device_key   varchar(64) NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX device_http_sessions_by_expiry ON device_http_sessions (expires_at);

ALTER TABLE device_http_sessions ENABLE ROW LEVEL SECURITY;
-- the device door, which knows no tenant, opens and finds them naming '*'
CREATE POLICY tenant_wall ON device_http_sessions
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');

GRANT SELECT, INSERT, DELETE ON device_http_sessions TO ${app_role};
