-- Every write through the admin API, refused attempts included. No foreign key: the log outlives
-- the tenant it is about.
CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    tenant_id text,
    actor text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    status integer NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX audit_events_by_tenant ON audit_events (tenant_id, at DESC);
