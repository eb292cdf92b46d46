-- How many devices may be connected at once; existing tenants keep their device count as the limit.
ALTER TABLE tenants ADD COLUMN max_connected_devices integer;
UPDATE tenants SET max_connected_devices = max_devices;
ALTER TABLE tenants ALTER COLUMN max_connected_devices SET NOT NULL;
