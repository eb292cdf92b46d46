package io.helio.admin.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At start, brings the time-series storage of tenants created by an earlier version to the current
 * definition: their rollup queries, how long their rollups are kept and their shard group spans. If InfluxDB cannot be reached, the
 * old definitions stay in force (still correct, only costlier) until the next start.
 */
public class TimeSeriesUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesUpgrade.class);

    private final TimeSeriesProvisioner provisioner;

    public TimeSeriesUpgrade(TimeSeriesProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int upgraded = provisioner.upgradeRollups();
            if (upgraded > 0) {
                log.info("replaced {} rollup continuous queries with their current definition", upgraded);
            }
            int policies = provisioner.upgradePolicies();
            if (policies > 0) {
                log.info("gave {} retention policies their current duration and shard group span", policies);
            }
        } catch (RuntimeException e) {
            log.warn("could not bring the tenants' time-series storage up to date; trying again at the next start", e);
        }
    }
}
