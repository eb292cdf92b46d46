-- A gateway's sub-devices: a device has at most one gateway, of the same tenant.
CREATE TABLE sub_devices (
    tenant_id           varchar(16) NOT NULL,
    gateway_product_key varchar(32) NOT NULL,
    gateway_device_key  varchar(64) NOT NULL,
    product_key         varchar(32) NOT NULL,
    device_key          varchar(64) NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, product_key, device_key),
    FOREIGN KEY (tenant_id, gateway_product_key, gateway_device_key)
        REFERENCES devices (tenant_id, product_key, device_key) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, product_key, device_key)
        REFERENCES devices (tenant_id, product_key, device_key) ON DELETE CASCADE,
    CHECK ((gateway_product_key, gateway_device_key) <> (product_key, device_key))
);
CREATE INDEX sub_devices_by_gateway ON sub_devices (tenant_id, gateway_product_key, gateway_device_key);

ALTER TABLE sub_devices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON sub_devices
    USING (tenant_id = current_setting('helio.tenant', true) OR current_setting('helio.tenant', true) = '*')
    WITH CHECK (tenant_id = current_setting('helio.tenant', true));
GRANT SELECT, INSERT, DELETE ON sub_devices TO ${app_role};
