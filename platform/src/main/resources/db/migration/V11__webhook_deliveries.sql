-- A rule may POST its alerts to a webhook. The secret signs the deliveries, so it must be kept
-- readable (it is stored as given; the database's own protection applies).
ALTER TABLE rules ADD COLUMN webhook_url varchar(2048);
ALTER TABLE rules ADD COLUMN webhook_secret varchar(256);

-- Each delivery is written in the same statement that opens or recovers its alert, so none is lost;
-- a dispatcher on any node claims due ones (SKIP LOCKED) and records every attempt's outcome.
CREATE TABLE webhook_deliveries (
    tenant_id        varchar(16)   NOT NULL,
    delivery_id      uuid          NOT NULL,
    alert_id         uuid          NOT NULL,
    event            varchar(32)   NOT NULL,
    url              varchar(2048) NOT NULL,
    secret           varchar(256)  NOT NULL,
    payload          jsonb         NOT NULL,
    status           varchar(16)   NOT NULL,
    attempts         integer       NOT NULL,
    next_attempt_at  timestamptz   NOT NULL,
    last_status_code integer,
    last_error       varchar(1024),
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_of_alert ON webhook_deliveries (tenant_id, alert_id, created_at);

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
-- the dispatcher, which serves every tenant, works naming '*'
CREATE POLICY tenant_wall ON webhook_deliveries
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*');
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO ${app_role};
