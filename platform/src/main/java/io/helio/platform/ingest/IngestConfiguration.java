package io.helio.platform.ingest;

import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.timeseries.RollupRepair;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.usage.UsageMeter;
import java.util.List;
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
            RollupRepair rollups,
            List<NewValuesListener> listeners) {
        return new MeasurePointIngestor(writer, rateLimits, usage, latest, rollups, listeners);
    }

    /** A few hundred bytes a device: a million devices' latest values fit well within a GiB. */
    @Bean
    LatestValues latestValues() {
        return new LatestValues(1_000_000);
    }
}
