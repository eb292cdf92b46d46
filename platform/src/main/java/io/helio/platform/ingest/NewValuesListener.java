package io.helio.platform.ingest;

import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.List;

/**
 * What hears of new values once they are durably accepted (not back-filled ones): live streams and
 * rules. It is called on the ingestion path, so it must hand its work off and return at once.
 */
public interface NewValuesListener {

    void accepted(TenantId tenant, List<MeasurePointSample> samples);
}
