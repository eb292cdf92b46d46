package io.helio.platform.query;

import io.helio.platform.api.TimeSeriesApi;
import io.helio.platform.api.model.AggregateFunction;
import io.helio.platform.api.model.AggregateSource;
import io.helio.platform.api.model.AggregatedDataColumns;
import io.helio.platform.api.model.AggregatedDataPage;
import io.helio.platform.api.model.AggregatedRecord;
import io.helio.platform.api.model.EventPage;
import io.helio.platform.api.model.EventRecord;
import io.helio.platform.api.model.FillPolicy;
import io.helio.platform.api.model.LatestValue;
import io.helio.platform.api.model.LatestValueList;
import io.helio.platform.api.model.LiveMeasurePoints;
import io.helio.platform.api.model.RawDataColumns;
import io.helio.platform.api.model.RawDataPage;
import io.helio.platform.api.model.RawDataRecord;
import io.helio.platform.api.model.SortOrder;
import io.helio.platform.api.model.SourcePreference;
import io.helio.platform.live.LiveFeed;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.tenancy.CurrentTenant;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.platform.timeseries.AggregateRow;
import io.helio.platform.timeseries.Aggregation;
import io.helio.platform.timeseries.FieldNames;
import io.helio.platform.timeseries.RawRecord;
import io.helio.platform.timeseries.Rollup;
import io.helio.platform.timeseries.SeriesPage;
import io.helio.platform.timeseries.StoredValues;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The time-series API: raw pages and streams, aggregates, latest values, events and live streams. */
@RestController
class TimeSeriesController implements TimeSeriesApi {

    /** How often an open live stream checks that its tenant may still read. */
    private static final Duration TENANT_CHECK = Duration.ofSeconds(5);

    private final SeriesResolver resolver;
    private final RawDataService raw;
    private final AggregatedDataService aggregates;
    private final LatestDataService latest;
    private final EventQueryService events;
    private final LiveFeed live;
    private final TenantStatuses tenants;
    private final StoredValues stored;

    private final QueryMeter meter;

    TimeSeriesController(
            SeriesResolver resolver,
            RawDataService raw,
            AggregatedDataService aggregates,
            LatestDataService latest,
            EventQueryService events,
            LiveFeed live,
            TenantStatuses tenants,
            StoredValues stored,
            QueryMeter meter) {
        this.meter = meter;
        this.resolver = resolver;
        this.raw = raw;
        this.aggregates = aggregates;
        this.latest = latest;
        this.events = events;
        this.live = live;
        this.tenants = tenants;
        this.stored = stored;
    }

    @Override
    public Mono<ResponseEntity<RawDataPage>> queryRawData(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            @Nullable SortOrder order,
            @Nullable Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        return rawPage(productKey, deviceKey, point, PageRequest.of(start, end, order, limit, cursor))
                .map(answer -> ResponseEntity.ok(new RawDataPage(answer.page().items().stream()
                                .map(record -> record(productKey, record))
                                .toList())
                        .nextCursor(answer.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<RawDataColumns>> queryRawDataColumns(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            @Nullable SortOrder order,
            @Nullable Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        return rawPage(productKey, deviceKey, point, PageRequest.of(start, end, order, limit, cursor))
                .map(answer -> ResponseEntity.ok(new RawDataColumns(
                                productKey,
                                ColumnsPerDevice.of(
                                        answer.page().items(),
                                        answer.series().points().keySet(),
                                        RawRecord::device,
                                        RawRecord::time,
                                        RawRecord::values))
                        .nextCursor(answer.nextCursor())));
    }

    /** A page of raw records, whichever form it is written in. */
    private record RawAnswer(
            Series series,
            SeriesPage<RawRecord> page,
            @Nullable String nextCursor) {}

    private Mono<RawAnswer> rawPage(String productKey, List<String> deviceKey, List<String> point, PageRequest asked) {
        SeriesResolver.requireWithinLimits(
                deviceKey.stream().distinct().count(), point.stream().distinct().count(), asked.limit(), "limit");
        return series(productKey, deviceKey, point)
                .flatMap(series -> raw.page(series, asked)
                        .doOnNext(page -> meter.served(
                                series.tenant(), "raw", page.items().size()))
                        .map(page -> new RawAnswer(series, page, asked.cursorOf(page.next()))));
    }

    @Override
    public Mono<ResponseEntity<Flux<RawDataRecord>>> streamRawData(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            @Nullable SortOrder order,
            ServerWebExchange exchange) {
        Instant from = QueryTimes.parse("start", start);
        Instant to = QueryTimes.parse("end", end);
        QueryTimes.requireOrdered(from, to);
        return series(productKey, deviceKey, point).map(series -> {
            Counter served = meter.counter(series.tenant(), "raw-stream");
            return ResponseEntity.ok(raw.stream(series, from, to, order == SortOrder.DESC)
                    .doOnNext(record -> served.increment())
                    .map(record -> record(productKey, record)));
        });
    }

    @Override
    public Mono<ResponseEntity<AggregatedDataPage>> queryAggregatedData(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            String interval,
            AggregateFunction function,
            @Nullable FillPolicy fill,
            String timeZone,
            @Nullable SourcePreference source,
            ServerWebExchange exchange) {
        ZoneId zone = QueryTimes.zone(timeZone);
        return aggregate(productKey, deviceKey, point, start, end, interval, function, fill, zone, source)
                .map(answer -> ResponseEntity.ok(new AggregatedDataPage(
                        function,
                        interval,
                        zone.getId(),
                        source(answer.answer().rollup()),
                        records(answer.answer().rows(), zone))));
    }

    @Override
    public Mono<ResponseEntity<AggregatedDataColumns>> queryAggregatedDataColumns(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            String interval,
            AggregateFunction function,
            @Nullable FillPolicy fill,
            String timeZone,
            @Nullable SourcePreference source,
            ServerWebExchange exchange) {
        ZoneId zone = QueryTimes.zone(timeZone);
        return aggregate(productKey, deviceKey, point, start, end, interval, function, fill, zone, source)
                .map(answer -> ResponseEntity.ok(new AggregatedDataColumns(
                        function,
                        interval,
                        zone.getId(),
                        source(answer.answer().rollup()),
                        ColumnsPerDevice.of(
                                answer.answer().rows(),
                                answer.series().points().keySet(),
                                AggregateRow::device,
                                AggregateRow::bucket,
                                AggregateRow::values))));
    }

    /** The buckets of an aggregated query, whichever form they are written in. */
    private record AggregateAnswer(Series series, AggregatedDataService.Answer answer) {}

    private Mono<AggregateAnswer> aggregate(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            String start,
            String end,
            String interval,
            AggregateFunction function,
            @Nullable FillPolicy fill,
            ZoneId zone,
            @Nullable SourcePreference source) {
        Instant from = QueryTimes.parse("start", start);
        Instant to = QueryTimes.parse("end", end);
        return series(productKey, deviceKey, point)
                .flatMap(series -> aggregates
                        .aggregate(
                                series,
                                from,
                                to,
                                Intervals.parse(interval),
                                Aggregation.valueOf(function.getValue().toUpperCase(Locale.ROOT)),
                                fill == null ? FillPolicy.NONE : fill,
                                zone,
                                source == SourcePreference.RAW)
                        .doOnNext(answer -> meter.served(
                                series.tenant(), "aggregated", answer.rows().size()))
                        .map(answer -> new AggregateAnswer(series, answer)));
    }

    @Override
    public Mono<ResponseEntity<LatestValueList>> queryLatestData(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            @Nullable String since,
            ServerWebExchange exchange) {
        Instant after = since == null ? null : QueryTimes.parse("since", since);
        return series(productKey, deviceKey, point)
                .flatMap(series -> latest.latest(series, after)
                        .doOnNext(values -> meter.served(series.tenant(), "latest", values.size())))
                .map(values -> ResponseEntity.ok(new LatestValueList(values.stream()
                        .map(value -> new LatestValue(
                                        value.device().value(),
                                        value.point(),
                                        utc(value.time()),
                                        value.time().toEpochMilli(),
                                        value.value())
                                .quality(value.quality()))
                        .toList())));
    }

    @Override
    public Mono<ResponseEntity<EventPage>> queryEvents(
            String productKey,
            List<String> deviceKey,
            String start,
            String end,
            @Nullable List<String> event,
            @Nullable SortOrder order,
            @Nullable Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        PageRequest asked = PageRequest.of(start, end, order, limit, cursor);
        return CurrentTenant.get()
                .flatMap(tenant -> events.page(tenant, productKey, deviceKey, event == null ? List.of() : event, asked)
                        .doOnNext(page ->
                                meter.served(tenant, "events", page.items().size())))
                .map(page -> ResponseEntity.ok(new EventPage(page.items().stream()
                                .map(found -> new EventRecord(
                                        found.device().value(),
                                        found.event(),
                                        utc(found.time()),
                                        found.time().toEpochMilli(),
                                        found.output()))
                                .toList())
                        .nextCursor(asked.cursorOf(page.next()))));
    }

    @Override
    public Mono<ResponseEntity<Flux<LiveMeasurePoints>>> streamLiveData(
            String productKey, List<String> deviceKey, List<String> point, ServerWebExchange exchange) {
        return series(productKey, deviceKey, point).map(series -> {
            Set<String> fields = new HashSet<>();
            for (MeasurePoint each : series.points().values()) {
                fields.add(each.id().value());
                if (each.hasQuality()) {
                    fields.add(FieldNames.quality(each.id().value()));
                }
            }
            Flux<LiveMeasurePoints> stream = live.subscribe(
                            series.tenant(), series.product(), new HashSet<>(series.devices()), fields)
                    .takeUntilOther(refusedLater(series.tenant()))
                    .map(event -> new LiveMeasurePoints(
                            productKey,
                            event.device().value(),
                            utc(event.time()),
                            event.time().toEpochMilli(),
                            PointValues.present(event.values(), series.points(), stored),
                            event.dropped()));
            return ResponseEntity.ok(stream);
        });
    }

    private Mono<Series> series(String productKey, List<String> deviceKeys, List<String> points) {
        return CurrentTenant.get().flatMap(tenant -> resolver.resolve(tenant, productKey, deviceKeys, points));
    }

    /** Fires once the tenant is suspended or deleted. */
    private Mono<Long> refusedLater(TenantId tenant) {
        return Flux.interval(TENANT_CHECK)
                .filterWhen(tick -> tenants.isRefused(tenant))
                .next();
    }

    private static RawDataRecord record(String productKey, RawRecord record) {
        return new RawDataRecord(
                productKey,
                record.device().value(),
                utc(record.time()),
                record.time().toEpochMilli(),
                record.values());
    }

    /**
     * The rows as records; the rows of a bucket come one after another and share one time (and one
     * boxed timestamp), which the answer then writes out once ({@link IsoTimeSerializer}).
     */
    private static List<AggregatedRecord> records(List<AggregateRow> rows, ZoneId zone) {
        List<AggregatedRecord> records = new ArrayList<>(rows.size());
        Instant bucket = null;
        OffsetDateTime time = null;
        Long timestamp = null;
        for (AggregateRow row : rows) {
            if (!row.bucket().equals(bucket)) {
                bucket = row.bucket();
                time = OffsetDateTime.ofInstant(bucket, zone);
                timestamp = bucket.toEpochMilli();
            }
            records.add(new AggregatedRecord(row.device().value(), time, timestamp, row.values()));
        }
        return records;
    }

    /**
     * {@code time.atOffset(UTC)} without it: on Java 17 that asks the offset for its rules, and each
     * call builds a new {@code ZoneRules} with a map in it, for every value of an answer.
     */
    private static OffsetDateTime utc(Instant time) {
        return OffsetDateTime.of(
                LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static AggregateSource source(@Nullable Rollup rollup) {
        if (rollup == null) {
            return AggregateSource.RAW;
        }
        return rollup == Rollup.HOUR ? AggregateSource.ROLLUP_1_H : AggregateSource.ROLLUP_1_M;
    }
}
