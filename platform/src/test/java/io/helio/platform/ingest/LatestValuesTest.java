package io.helio.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.FieldNames;
import io.helio.platform.timeseries.LatestSample;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatestValuesTest {

    private static final TenantId TENANT = TenantId.of("tlatest000000001");
    private static final TenantId OTHER = TenantId.of("tlatest000000002");
    private static final ProductKey PRODUCT = ProductKey.of("prod1");
    private static final DeviceKey DEVICE = DeviceKey.of("d1");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aNewerValueReplacesAnOlderOneAndBackfillHidesNothing() {
        LatestValues latest = new LatestValues(100);

        latest.update(TENANT, sample(T0.plusSeconds(10), Map.of("temp", 21.0, "mode", "grid")));
        latest.update(TENANT, sample(T0, Map.of("temp", 5.0, "power", 7L))); // back-filled
        latest.update(TENANT, sample(T0.plusSeconds(20), Map.of("temp", 22.5)));

        Map<String, LatestSample> values = latest.of(TENANT, PRODUCT, DEVICE);
        assertThat(values.get("temp")).isEqualTo(new LatestSample(T0.plusSeconds(20), 22.5));
        assertThat(values.get("mode")).isEqualTo(new LatestSample(T0.plusSeconds(10), "grid"));
        assertThat(values.get("power")).isEqualTo(new LatestSample(T0, 7L));
        assertThat(latest.of(OTHER, PRODUCT, DEVICE)).isEmpty();
    }

    @Test
    void whatAReaderHoldsIsOneMomentsValuesAndStaysSo() {
        LatestValues latest = new LatestValues(100);
        latest.update(TENANT, sample(T0, Map.of("power", 1.0, FieldNames.quality("power"), 0L)));

        Map<String, LatestSample> read = latest.of(TENANT, PRODUCT, DEVICE);
        latest.update(TENANT, sample(T0.plusSeconds(1), Map.of("power", 2.0, FieldNames.quality("power"), 9L)));

        assertThat(read)
                .containsEntry("power", new LatestSample(T0, 1.0))
                .containsEntry(FieldNames.quality("power"), new LatestSample(T0, 0L));
        assertThat(latest.of(TENANT, PRODUCT, DEVICE))
                .containsEntry("power", new LatestSample(T0.plusSeconds(1), 2.0))
                .containsEntry(FieldNames.quality("power"), new LatestSample(T0.plusSeconds(1), 9L));
    }

    private static MeasurePointSample sample(Instant time, Map<String, Object> values) {
        return new MeasurePointSample(PRODUCT, DEVICE, time, values);
    }
}
