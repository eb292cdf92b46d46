-- Products get a type, a secret (encrypted, for dynamic activation) and the dynamic activation flag;
-- devices get their time zone, attributes, tags, status and when they were last seen.
ALTER TABLE products ADD COLUMN product_type varchar(16) NOT NULL DEFAULT 'DEVICE'
    CHECK (product_type IN ('DEVICE', 'GATEWAY'));
ALTER TABLE products ADD COLUMN dynamic_activation boolean NOT NULL DEFAULT false;
ALTER TABLE products ADD COLUMN secret_ciphertext bytea;

ALTER TABLE devices ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE devices ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE devices ADD COLUMN tags jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE devices ADD COLUMN status varchar(16) NOT NULL DEFAULT 'INACTIVE'
    CHECK (status IN ('INACTIVE', 'ONLINE', 'OFFLINE', 'DISABLED'));
ALTER TABLE devices ADD COLUMN last_seen timestamptz;

CREATE INDEX devices_by_tag ON devices USING gin (tags jsonb_path_ops);
CREATE INDEX devices_by_status ON devices (tenant_id, status);
CREATE INDEX products_by_tenant ON products (tenant_id, product_key);
