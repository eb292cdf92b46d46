package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxLinesTest {

    private static final ProductKey PRODUCT = ProductKey.of("prod1");

    /** What the rollup repair reads of replayed lines: a text value with spaces, commas and a time-like tail does not mislead it. */
    @Test
    void eachLineGivesBackTheMeasurementDeviceAndTimeItWasEncodedWith() {
        Instant first = Instant.ofEpochMilli(1_764_028_800_123L);
        Instant second = first.plusSeconds(60);
        String lines = InfluxLines.encode(List.of(
                new MeasurePointSample(
                        PRODUCT, DeviceKey.of("dev.1"), first, Map.of("note", "a, b = c 1764028800000", "v", 1.5)),
                new MeasurePointSample(PRODUCT, DeviceKey.of("dev-2"), second, Map.of("code", 7L), "overheat")));

        List<String> read = new ArrayList<>();
        InfluxLines.eachSeriesAndTime(
                lines, (measurement, device, time) -> read.add(measurement + "/" + device + "@" + time));

        assertThat(read)
                .containsExactly(
                        "prod1/dev.1@" + first.toEpochMilli(),
                        "prod1" + InfluxLines.EVENTS_SUFFIX + "/dev-2@" + second.toEpochMilli());
    }

    @Test
    void linesThatAreNotOursArePassedOver() {
        List<String> read = new ArrayList<>();
        InfluxLines.eachSeriesAndTime(
                "\nno-comma 123\nprod1,device=d v=1 notatime\nprod1,other=d v=1 41\nprod1,device= v=1 41"
                        + "\nprod1,device=d v=1 42",
                (measurement, device, time) -> read.add(measurement + "/" + device + "@" + time));

        assertThat(read).containsExactly("prod1/d@42");
    }
}
