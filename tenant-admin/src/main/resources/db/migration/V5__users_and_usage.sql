-- People who log in at the authorization server. A tenant's users go with their tenant; operators
-- belong to no tenant.
CREATE TABLE users (
    username      varchar(64)  PRIMARY KEY,
    tenant_id     varchar(16)  REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    role          varchar(16)  NOT NULL CHECK (role IN ('OPERATOR', 'TENANT_ADMIN', 'DEVELOPER', 'VIEWER')),
    password_hash varchar(200) NOT NULL,
    created_at    timestamptz  NOT NULL,
    CHECK ((role = 'OPERATOR') = (tenant_id IS NULL))
);
CREATE INDEX users_by_tenant ON users (tenant_id, created_at, username);

-- The platform's latest measurement of each tenant's use; one row per tenant, replaced by each report.
CREATE TABLE tenant_usage (
    tenant_id               varchar(16)      PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    measured_at             timestamptz      NOT NULL,
    devices                 integer          NOT NULL,
    online_devices          integer          NOT NULL,
    messages_per_second     double precision NOT NULL,
    points_per_second       double precision NOT NULL,
    api_requests_per_second double precision NOT NULL
);
