package io.helio.platform.timeseries;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param url the InfluxDB 1.x HTTP API (also served by InfluxDB 2.x and 3)
 * @param writeThreads how many writes may be in flight at once
 * @param writeQueue how many writes may wait for a thread; beyond that a write fails at once
 * @param timeout the longest a write or query may take
 */
@Validated
@ConfigurationProperties("helio.influx")
public record InfluxProperties(
        @NotBlank String url,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("4") @Min(1) int writeThreads,
        @DefaultValue("1000") @Min(1) int writeQueue,
        @DefaultValue("10s") Duration timeout) {

    public boolean authenticated() {
        return username != null && !username.isBlank();
    }
}
