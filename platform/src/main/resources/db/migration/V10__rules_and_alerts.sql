-- Rules: a CEL condition on the measure points of a product's devices (all of them, or those listed).
CREATE TABLE rules (
    tenant_id   varchar(16)   NOT NULL,
    rule_id     varchar(128)  NOT NULL,
    name        varchar(256)  NOT NULL,
    description varchar(2048),
    product_key varchar(32)   NOT NULL,
    device_keys text[]        NOT NULL,
    expression  varchar(4096) NOT NULL,
    severity    varchar(16)   NOT NULL,
    message     varchar(1024) NOT NULL,
    enabled     boolean       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, rule_id)
);
CREATE INDEX rules_by_product ON rules (tenant_id, product_key) WHERE enabled;

-- Alerts outlive their rules. recovered_at stays null while the condition holds, closed or not: one
-- such alert per rule and device at most, so a condition that keeps holding raises one alert.
CREATE TABLE alerts (
    tenant_id       varchar(16)   NOT NULL,
    alert_id        uuid          NOT NULL,
    rule_id         varchar(128)  NOT NULL,
    product_key     varchar(32)   NOT NULL,
    device_key      varchar(64)   NOT NULL,
    severity        varchar(16)   NOT NULL,
    state           varchar(16)   NOT NULL,
    message         varchar(4096) NOT NULL,
    alert_values    jsonb         NOT NULL,
    opened_at       timestamptz   NOT NULL,
    recovered_at    timestamptz,
    acknowledged_by varchar(256),
    acknowledged_at timestamptz,
    closed_by       varchar(256),
    closed_at       timestamptz,
    PRIMARY KEY (tenant_id, alert_id)
);
CREATE UNIQUE INDEX alerts_one_holding_per_rule_and_device
    ON alerts (tenant_id, rule_id, product_key, device_key) WHERE recovered_at IS NULL;
CREATE INDEX alerts_newest_first ON alerts (tenant_id, opened_at DESC, alert_id DESC);

ALTER TABLE rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON rules
    USING (tenant_id = current_setting('helio.tenant', true))
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
CREATE POLICY tenant_wall ON alerts
    USING (tenant_id = current_setting('helio.tenant', true))
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON rules, alerts TO ${app_role};
