-- Products whose devices must present an X.509 client certificate at MQTT TLS connections, and the
-- certificates registered (pinned by their SHA-256 fingerprint) for each device.
ALTER TABLE products ADD COLUMN certificate_required boolean NOT NULL DEFAULT false;

CREATE TABLE device_certificates (
    tenant_id     varchar(16)  NOT NULL,
    product_key   varchar(32)  NOT NULL,
    device_key    varchar(64)  NOT NULL,
    fingerprint   char(64)     NOT NULL,
    subject       text         NOT NULL,
    issuer        text         NOT NULL,
    not_before    timestamptz  NOT NULL,
    not_after     timestamptz  NOT NULL,
    registered_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, product_key, device_key, fingerprint),
    FOREIGN KEY (tenant_id, product_key, device_key) REFERENCES devices (tenant_id, product_key, device_key)
        ON DELETE CASCADE
);
ALTER TABLE device_certificates ENABLE ROW LEVEL SECURITY;
-- device authentication, which knows no tenant yet, reads them naming '*'
CREATE POLICY tenant_wall ON device_certificates
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
GRANT SELECT, INSERT, DELETE ON device_certificates TO ${app_role};
