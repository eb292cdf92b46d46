package io.helio.platform.timeseries;

import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.timeseries.durable.GroupCommitWriter;
import io.helio.platform.timeseries.durable.Spill;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Pong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the InfluxDB writer (group commit with a disk spill, on a thread of its own) and readers (WebClient). */
@Configuration(proxyBeanMethods = false)
public class TimeSeriesConfiguration {

    @Bean(destroyMethod = "close")
    InfluxDB influxWriteClient(InfluxProperties properties) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySockets())
                .connectTimeout(properties.timeout())
                .readTimeout(properties.timeout())
                .writeTimeout(properties.timeout());
        InfluxDB influx = properties.authenticated()
                ? InfluxDBFactory.connect(properties.url(), properties.username(), properties.password(), http)
                : InfluxDBFactory.connect(properties.url(), http);
        return influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /** Closed by the writer, its only user. */
    @Bean(destroyMethod = "")
    Spill timeSeriesSpill(InfluxProperties properties) {
        return Spill.open(
                properties.spillDir(),
                properties.spillMaxSize().toBytes(),
                properties.spillSegmentSize().toBytes());
    }

    @Bean(destroyMethod = "close")
    GroupCommitWriter timeSeriesWriter(
            InfluxDB influxWriteClient,
            Spill timeSeriesSpill,
            InfluxProperties properties,
            MeterRegistry registry,
            RollupRepair rollupRepair) {
        return new GroupCommitWriter(
                influxWriteClient,
                timeSeriesSpill,
                new GroupCommitWriter.WriterSettings(
                        properties.batchPoints(),
                        properties.linger(),
                        properties.writeQueue(),
                        properties.slowWrite(),
                        properties.replayBackoff()),
                registry,
                rollupRepair::replayed);
    }

    /** Whether InfluxDB answers its ping: a node that cannot store is not ready (its spill only bridges an outage). */
    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influxWriteClient) {
        return () -> {
            Pong pong = influxWriteClient.ping();
            return pong.isGood()
                    ? Health.up().withDetail("version", pong.getVersion()).build()
                    : Health.down().build();
        };
    }

    /**
     * How long a late bucket rests after it was last noted before it is recomputed (the repair's
     * period, if shorter): a backlog's replay notes each bucket of a device about every 5 s, not in
     * every batch.
     */
    private static final Duration LATE_BUCKETS_SETTLE = Duration.ofSeconds(10);

    /**
     * Answers come uncompressed: the builder's client asks for gzip, which made influxd compress every
     * answer and the platform inflate it again, on the same cores, for bytes that cross a local network.
     */
    @Bean
    InfluxQueryClient influxQueryClient(
            InfluxProperties properties, WebClient.Builder webClients, JsonMapper json, MeterRegistry registry) {
        int connectTimeout = (int) properties.timeout().toMillis();
        HttpClient http =
                HttpClient.create().compress(false).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout);
        WebClient.Builder client = webClients
                .clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.url())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(InfluxQueryClient.MAX_ANSWER_BYTES));
        if (properties.authenticated()) {
            client.defaultHeaders(headers -> headers.setBasicAuth(properties.username(), properties.password()));
        }
        return new InfluxQueryClient(
                client.defaultHeader(HttpHeaders.ACCEPT, "application/json").build(),
                json,
                properties.timeout(),
                registry);
    }

    @Bean
    RollupRepair rollupRepair(
            InfluxQueryClient influx,
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Clock clock,
            Spill timeSeriesSpill,
            InfluxProperties properties) {
        return new RollupRepair(
                influx,
                new InfluxdSightings(db, TransactionalOperator.create(transactions), properties.url()),
                new LateBuckets(db, properties.url(), shorter(LATE_BUCKETS_SETTLE, properties.rollupRepairEvery())),
                clock,
                timeSeriesSpill::size,
                properties.timeout());
    }

    private static Duration shorter(Duration one, Duration other) {
        return one.compareTo(other) < 0 ? one : other;
    }

    /**
     * Once more at stop: the buckets that have rested are rolled up before the node goes, the others
     * by the next run of any node.
     */
    @Bean
    PeriodicTask rollupRepairTask(RollupRepair repair, InfluxProperties properties) {
        return new PeriodicTask("rollup-repair", properties.rollupRepairEvery(), repair::repair, true);
    }

    @Bean
    StoredValues storedValues(JsonMapper json) {
        return new StoredValues(json);
    }

    @Bean
    InfluxRawDataReader rawDataReader(InfluxQueryClient influx, StoredValues stored) {
        return new InfluxRawDataReader(influx, stored);
    }

    @Bean
    InfluxAggregateReader aggregateReader(InfluxQueryClient influx, StoredValues stored) {
        return new InfluxAggregateReader(influx, stored);
    }

    @Bean
    InfluxEventReader eventReader(InfluxQueryClient influx, StoredValues stored) {
        return new InfluxEventReader(influx, stored);
    }

    @Bean
    InfluxLatestReader latestReader(InfluxQueryClient influx, StoredValues stored) {
        return new InfluxLatestReader(influx, stored);
    }
}
