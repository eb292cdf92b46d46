package io.helio.platform.query;

import io.helio.platform.timeseries.InfluxRawDataReader;
import io.helio.platform.timeseries.RawDataQuery;
import io.helio.platform.timeseries.RawRecord;
import io.helio.platform.timeseries.SeriesPage;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Raw values a page at a time, or a whole range streamed. */
class RawDataService {

    private final InfluxRawDataReader reader;

    RawDataService(InfluxRawDataReader reader) {
        this.reader = reader;
    }

    Mono<SeriesPage<RawRecord>> page(Series series, PageRequest asked) {
        return reader.page(query(series, asked.start(), asked.end(), asked.newestFirst()), asked.limit(), asked.from());
    }

    Flux<RawRecord> stream(Series series, Instant start, Instant end, boolean newestFirst) {
        return reader.stream(query(series, start, end, newestFirst));
    }

    private static RawDataQuery query(Series series, Instant start, Instant end, boolean newestFirst) {
        return new RawDataQuery(
                series.tenant(), series.product(), series.devices(), series.points(), start, end, newestFirst);
    }
}
