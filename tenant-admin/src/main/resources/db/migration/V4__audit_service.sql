-- Which API a write was made to: the admin API records its own, the platform ships its.
ALTER TABLE audit_events ADD COLUMN service text NOT NULL DEFAULT 'admin';
