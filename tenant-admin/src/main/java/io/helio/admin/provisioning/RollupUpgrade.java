package io.helio.admin.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * At start, brings the rollups of tenants created by an earlier version to the current definition.
 * If InfluxDB cannot be reached, the old queries keep running (still correct, only costlier) until
 * the next start.
 */
public class RollupUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RollupUpgrade.class);

    private final TimeSeriesProvisioner provisioner;

    public RollupUpgrade(TimeSeriesProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int upgraded = provisioner.upgradeRollups();
            if (upgraded > 0) {
                log.info("replaced {} rollup continuous queries with their current definition", upgraded);
            }
        } catch (RuntimeException e) {
            log.warn("could not bring the tenants' rollups up to date; trying again at the next start", e);
        }
    }
}
