package io.helio.platform.timeseries;

import io.helio.platform.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Writes samples with influxdb-java's blocking client on a bounded scheduler of its own, never on an
 * event loop. One call is one HTTP write: it succeeds only when InfluxDB answered 204. InfluxDB
 * refuses points older than the database's retention; that is the caller's error, not a failure.
 */
public class InfluxTimeSeriesWriter implements TimeSeriesWriter {

    static final String DEVICE_TAG = "device";

    private final InfluxDB influx;
    private final Scheduler writers;

    public InfluxTimeSeriesWriter(InfluxDB influx, Scheduler writers) {
        this.influx = influx;
        this.writers = writers;
    }

    @Override
    public Mono<Void> write(TenantId tenant, List<MeasurePointSample> samples) {
        return Mono.<Void>fromRunnable(() -> influx.write(batch(tenant, samples)))
                .subscribeOn(writers)
                .onErrorMap(
                        InfluxDBException.PointsBeyondRetentionPolicyException.class,
                        refused -> new BeyondRetentionException(
                                "the time is older than the tenant's raw data retention; nothing was stored", refused));
    }

    private static BatchPoints batch(TenantId tenant, List<MeasurePointSample> samples) {
        BatchPoints.Builder batch =
                BatchPoints.database(tenant.timeSeriesDatabase()).precision(TimeUnit.MILLISECONDS);
        for (MeasurePointSample sample : samples) {
            Point.Builder point = Point.measurement(sample.product().value())
                    .time(sample.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                    .tag(DEVICE_TAG, sample.device().value());
            for (Map.Entry<String, Object> value : sample.values().entrySet()) {
                addField(point, value.getKey(), value.getValue());
            }
            batch.point(point.build());
        }
        return batch.build();
    }

    private static void addField(Point.Builder point, String field, Object value) {
        if (value instanceof Long integer) {
            point.addField(field, integer.longValue());
        } else if (value instanceof Double number) {
            point.addField(field, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            point.addField(field, flag.booleanValue());
        } else if (value instanceof String text) {
            point.addField(field, text);
        } else {
            throw new IllegalArgumentException("no InfluxDB field type for " + value.getClass());
        }
    }
}
