package io.helio.platform.timeseries;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param url the InfluxDB 1.x HTTP API (also served by InfluxDB 2.x and 3)
 * @param timeout the longest a write or query may take
 * @param batchPoints how many points one write to InfluxDB carries at most
 * @param linger how long a batch waits for more points before it is written
 * @param writeQueue how many device writes may wait for the writer; beyond that a write is refused
 *     at once (the device is answered 429)
 * @param slowWrite how long a write may take before its points go to the spill instead, so that
 *     devices are answered while InfluxDB is slow (the write goes on, and the replay writes them again)
 * @param spillDir where writes InfluxDB cannot take are kept until it can (must outlive restarts)
 * @param spillMaxSize how much the spill may hold; beyond it devices are answered 500
 * @param spillSegmentSize the size of one spill file
 * @param replayBackoff how long to wait before trying InfluxDB again after it failed
 * @param rollupRepairEvery how often the rollup buckets that received late (back-filled) data are
 *     recomputed
 */
@Validated
@ConfigurationProperties("helio.influx")
public record InfluxProperties(
        @NotBlank String url,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5000") @Min(1) int batchPoints,
        @DefaultValue("5ms") Duration linger,
        @DefaultValue("20000") @Min(1) int writeQueue,
        @DefaultValue("30ms") Duration slowWrite,
        @DefaultValue("data/spill") Path spillDir,
        @DefaultValue("1GB") DataSize spillMaxSize,
        @DefaultValue("64MB") DataSize spillSegmentSize,
        @DefaultValue("1s") Duration replayBackoff,
        @DefaultValue("30s") Duration rollupRepairEvery) {

    public boolean authenticated() {
        return username != null && !username.isBlank();
    }
}
