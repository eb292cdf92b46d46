package io.helio.platform.ingest;

import io.helio.platform.live.LiveFeed;
import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.timeseries.RollupRepair;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.usage.UsageMeter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    MeasurePointIngestor measurePointIngestor(
            TimeSeriesWriter writer,
            DeviceRateLimits rateLimits,
            UsageMeter usage,
            LatestValues latest,
            LiveFeed live,
            RollupRepair rollups) {
        return new MeasurePointIngestor(writer, rateLimits, usage, latest, live, rollups);
    }

    @Bean
    LiveFeed liveFeed() {
        return new LiveFeed();
    }

    /** A few hundred bytes a device: a million devices' latest values fit well within a GiB. */
    @Bean
    LatestValues latestValues() {
        return new LatestValues(1_000_000);
    }
}
