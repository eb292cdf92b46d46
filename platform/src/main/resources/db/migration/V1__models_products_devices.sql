-- Every row carries its tenant; keys and foreign keys include it.
CREATE TABLE thing_models (
    tenant_id      varchar(16)  NOT NULL,
    model_id       varchar(128) NOT NULL,
    name           varchar(256) NOT NULL,
    description    text         NOT NULL DEFAULT '',
    measure_points jsonb        NOT NULL,
    created_at     timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, model_id)
);

-- Product keys are generated and unique across tenants: a device names only its product key and
-- device key at CONNECT, and that must lead to exactly one tenant.
CREATE TABLE products (
    tenant_id   varchar(16)  NOT NULL,
    product_key varchar(32)  NOT NULL UNIQUE,
    name        varchar(256) NOT NULL,
    description text         NOT NULL DEFAULT '',
    model_id    varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, product_key),
    FOREIGN KEY (tenant_id, model_id) REFERENCES thing_models (tenant_id, model_id)
);

CREATE TABLE devices (
    tenant_id         varchar(16)  NOT NULL,
    product_key       varchar(32)  NOT NULL,
    device_key        varchar(64)  NOT NULL,
    name              varchar(256) NOT NULL,
    secret_ciphertext bytea        NOT NULL,
    created_at        timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, product_key, device_key),
    UNIQUE (product_key, device_key),
    FOREIGN KEY (tenant_id, product_key) REFERENCES products (tenant_id, product_key)
);
