-- What each tenant may use; the platform reads them with the tenant and enforces them.
ALTER TABLE tenants ADD COLUMN max_devices integer NOT NULL DEFAULT 10000;
ALTER TABLE tenants ADD COLUMN messages_per_second integer NOT NULL DEFAULT 1000;
ALTER TABLE tenants ADD COLUMN points_per_second integer NOT NULL DEFAULT 20000;
ALTER TABLE tenants ADD COLUMN api_requests_per_second integer NOT NULL DEFAULT 100;
ALTER TABLE tenants ADD COLUMN raw_retention_days integer NOT NULL DEFAULT 365;
