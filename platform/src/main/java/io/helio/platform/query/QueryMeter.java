package io.helio.platform.query;

import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the time-series queries hand out, in the metrics: {@code helio.query.records} by tenant and
 * query (raw, raw-stream, aggregated, latest, events) — the data going out, beside the points coming in.
 */
class QueryMeter {

    private final MeterRegistry registry;

    QueryMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(TenantId tenant, String query, int records) {
        counter(tenant, query).increment(records);
    }

    /** The counter of one tenant's query, for a stream to count record by record without looking it up each time. */
    Counter counter(TenantId tenant, String query) {
        return Counter.builder("helio.query.records")
                .description("records handed out by the time-series queries")
                .tag("tenant", tenant.value())
                .tag("query", query)
                .register(registry);
    }
}
