-- When each influxd the platform writes to was last seen up by any node, and since which start. A node
-- that sees a new start learns from here which runs of the continuous queries influxd may have missed,
-- even when it started after influxd restarted, or every node went down with influxd.
CREATE TABLE influxd_sightings (
    influxd   varchar(512) PRIMARY KEY,
    started   timestamptz  NOT NULL,
    last_seen timestamptz  NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON influxd_sightings TO ${app_role};
