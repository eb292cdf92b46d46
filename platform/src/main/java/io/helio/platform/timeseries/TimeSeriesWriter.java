package io.helio.platform.timeseries;

import io.helio.platform.tenancy.TenantId;
import java.util.List;
import reactor.core.publisher.Mono;

/** Stores samples in a tenant's time series; completes only once they are durably stored. */
public interface TimeSeriesWriter {

    Mono<Void> write(TenantId tenant, List<MeasurePointSample> samples);
}
