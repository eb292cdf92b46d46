-- Rollup buckets to recompute from raw data: they received data too late for the continuous queries,
-- or influxd may have missed their runs while it restarted. Noted before the data's reply goes out and
-- recomputed by whichever node repairs first, so a node that dies does not take them with it.
CREATE TABLE rollup_late_buckets (
    influxd       varchar(512) NOT NULL, -- the influxd that holds the tenants' databases, as in influxd_sightings
    tenant_id     varchar(16)  NOT NULL, -- '' for every tenant's database
    measurement   text         NOT NULL, -- '' for every measurement
    rollup        varchar(16)  NOT NULL,
    bucket        bigint       NOT NULL, -- its start, epoch milliseconds
    devices       text[],                -- the late devices' series; NULL for every series
    version       bigint       NOT NULL DEFAULT 1, -- counts the notes, so a repair deletes only what it saw
    noted_at      timestamptz  NOT NULL DEFAULT now(), -- when it was last noted: it is claimed once it settled
    claimed_until timestamptz,           -- a node is recomputing it until then
    PRIMARY KEY (influxd, tenant_id, measurement, rollup, bucket)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rollup_late_buckets TO ${app_role};
