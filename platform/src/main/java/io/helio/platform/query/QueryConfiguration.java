package io.helio.platform.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helio.platform.api.model.AggregateFunction;
import io.helio.platform.ingest.LatestValues;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.timeseries.InfluxAggregateReader;
import io.helio.platform.timeseries.InfluxEventReader;
import io.helio.platform.timeseries.InfluxLatestReader;
import io.helio.platform.timeseries.InfluxRawDataReader;
import io.helio.platform.timeseries.StoredValues;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

    @Bean
    QueryMeter queryMeter(MeterRegistry registry) {
        return new QueryMeter(registry);
    }

    @Bean
    SeriesResolver seriesResolver(DeviceDirectory directory) {
        return new SeriesResolver(directory);
    }

    @Bean
    RawDataService rawDataService(InfluxRawDataReader reader) {
        return new RawDataService(reader);
    }

    @Bean
    AggregatedDataService aggregatedDataService(InfluxAggregateReader reader, Clock clock) {
        return new AggregatedDataService(reader, clock);
    }

    @Bean
    LatestDataService latestDataService(LatestValues cache, InfluxLatestReader reader, StoredValues stored) {
        return new LatestDataService(cache, reader, stored);
    }

    @Bean
    EventQueryService eventQueryService(SeriesResolver resolver, InfluxEventReader reader) {
        return new EventQueryService(resolver, reader);
    }

    /**
     * Absent properties stay out of answers ({@code spring.jackson.default-property-inclusion}), but a
     * null in a map is said: an empty bucket filled with {@code NULL} shows the point as null. Doubles
     * are written with Jackson's fast writer: Java 17's own conversion was the hottest method of
     * large answers; times with {@link IsoTimeSerializer}, for the same reason.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    JsonMapperBuilderCustomizer timeSeriesAnswers() {
        return builder -> builder.changeDefaultPropertyInclusion(
                        inclusion -> inclusion.withContentInclusion(JsonInclude.Include.ALWAYS))
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .addModule(new SimpleModule("iso-times").addSerializer(OffsetDateTime.class, new IsoTimeSerializer()));
    }

    /**
     * Raw records may also be downloaded as CSV, and stream as JSON, NDJSON and CSV in batches;
     * answers are written into pooled buffers; aggregate functions are named in lower case
     * ({@code avg}).
     */
    @Bean
    WebFluxConfigurer timeSeriesWebConfiguration(JsonMapper json) {
        return new WebFluxConfigurer() {
            @Override
            public void configureHttpMessageCodecs(ServerCodecConfigurer codecs) {
                codecs.customCodecs().register(new RawRecordCsvEncoder(json));
                codecs.customCodecs().register(RawRecordJsonEncoder.lines(json));
                codecs.customCodecs().register(RawRecordJsonEncoder.array(json));
                codecs.customCodecs().register(new ChunkedJsonEncoder(json));
            }

            @Override
            public void addFormatters(FormatterRegistry formatters) {
                formatters.addConverter(String.class, AggregateFunction.class, AggregateFunction::fromValue);
            }
        };
    }
}
