-- The platform's audit events wait here, on disk, until tenant-admin has taken them: an event is
-- stored before the caller sees the answer, so neither a crash nor an unreachable tenant-admin loses
-- it. Each tenant's events are behind the same wall as its other rows; the shipper names '*'.
CREATE TABLE audit_outbox (
    id        bigserial    PRIMARY KEY,
    tenant_id varchar(16)  NOT NULL,
    actor     varchar(200) NOT NULL,
    action    varchar(300) NOT NULL,
    target    varchar(2000) NOT NULL,
    status    integer      NOT NULL,
    at        timestamptz  NOT NULL
);

ALTER TABLE audit_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON audit_outbox
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));

-- UPDATE only for the row locks of SELECT ... FOR UPDATE; events are never changed
GRANT SELECT, INSERT, UPDATE, DELETE ON audit_outbox TO ${app_role};
GRANT USAGE ON SEQUENCE audit_outbox_id_seq TO ${app_role};
