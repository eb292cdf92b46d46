-- Commands sent to devices and what became of them. A PENDING command waits for its device to
-- connect until expires_at; a SENT one times out then.
CREATE TABLE commands (
    tenant_id     varchar(16)  NOT NULL,
    command_id    uuid         NOT NULL,
    product_key   varchar(32)  NOT NULL,
    device_key    varchar(64)  NOT NULL,
    kind          varchar(24)  NOT NULL,
    service_id    varchar(128),
    params        jsonb        NOT NULL,
    mode          varchar(8)   NOT NULL,
    timeout_seconds integer    NOT NULL,
    status        varchar(16)  NOT NULL,
    created_at    timestamptz  NOT NULL,
    sent_at       timestamptz,
    completed_at  timestamptz,
    expires_at    timestamptz,
    reply_code    integer,
    reply_message varchar(1024),
    outputs       jsonb,
    PRIMARY KEY (tenant_id, command_id)
);
CREATE UNIQUE INDEX commands_by_id ON commands (command_id);
CREATE INDEX commands_pending ON commands (product_key, device_key, created_at) WHERE status = 'PENDING';
CREATE INDEX commands_expiring ON commands (expires_at) WHERE status IN ('PENDING', 'SENT');

ALTER TABLE commands ENABLE ROW LEVEL SECURITY;
-- replies and connections, which name no tenant, and the expiry sweep work naming '*'
CREATE POLICY tenant_wall ON commands
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');
GRANT SELECT, INSERT, UPDATE, DELETE ON commands TO ${app_role};
