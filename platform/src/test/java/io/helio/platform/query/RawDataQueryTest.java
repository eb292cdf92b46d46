package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class RawDataQueryTest {

    private static final long T0 = 1_700_000_000_000L;

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    Api.ProvisionedDevice first;
    String secondSecret;

    @BeforeEach
    void twoDevicesWithData() throws Exception {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        first = api.provisionDevice("sensor", Map.of("temp", "DOUBLE", "hum", "DOUBLE"), "s1");
        secondSecret = api.createDevice(first.productKey(), "{\"deviceKey\":\"s2\",\"name\":\"s2\"}");
        String broker = "tcp://127.0.0.1:" + gateway.port();
        try (EnosDevice s1 = EnosDevice.connect(broker, first.productKey(), "s1", first.secret());
                EnosDevice s2 = EnosDevice.connect(broker, first.productKey(), "s2", secondSecret)) {
            for (int i = 0; i < 3; i++) {
                assertThat(s1.postMeasurePoints("{\"temp\":" + (20 + i) + ".5}", T0 + i * 1000L))
                        .contains("\"code\":200");
                assertThat(s2.postMeasurePoints("{\"hum\":" + (50 + i) + ".0}", T0 + i * 1000L + 500))
                        .contains("\"code\":200");
            }
        }
    }

    @Test
    void recordsOfSeveralDevicesComeOldestFirstWithinTheRangeAndLimit() {
        api.get("/timeseries/raw?productKey=" + first.productKey()
                        + "&deviceKey=s1&deviceKey=s2&point=temp&point=hum"
                        + "&start=2023-11-14T22:13:20Z&end=2023-11-14T22:13:22.500Z&limit=4")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(4)
                .jsonPath("$.items[0].deviceKey")
                .isEqualTo("s1")
                .jsonPath("$.items[0].measurepoints.temp")
                .isEqualTo(20.5)
                .jsonPath("$.items[1].deviceKey")
                .isEqualTo("s2")
                .jsonPath("$.items[1].time")
                .value(time -> assertThat(OffsetDateTime.parse((String) time).toInstant())
                        .isEqualTo(Instant.ofEpochMilli(T0 + 500)))
                .jsonPath("$.items[1].measurepoints.hum")
                .isEqualTo(50.0)
                .jsonPath("$.items[3].measurepoints.hum")
                .isEqualTo(51.0);
    }

    @Test
    void unknownPointsDevicesAndBackwardRangesAreRefusedBeforeReachingInfluxDb() {
        String base = "/timeseries/raw?productKey=" + first.productKey();

        api.get(base + "&deviceKey=s1&point=pressure&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNKNOWN_MEASURE_POINT");
        api.get(base + "&deviceKey=s9&point=temp&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_NOT_FOUND");
        api.get(base + "&deviceKey=s1&point=temp&start=2023-11-15T00:00:00Z&end=2023-11-14T00:00:00Z")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_TIME_RANGE");
    }

    @Test
    void injectionAttemptsThroughParametersAreRefusedHarmlessly() {
        String base = "/timeseries/raw?productKey=" + first.productKey()
                + "&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z";

        api.get(base + "&deviceKey=s1&point=temp\"%20FROM%20x;DROP%20DATABASE%20y")
                .expectStatus()
                .isBadRequest();
        api.get(base + "&deviceKey=s1'%20OR%20'1'='1&point=temp").expectStatus().isBadRequest();
        api.get(
                        "/timeseries/raw?productKey=x%22;DROP&deviceKey=s1&point=temp&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z")
                .expectStatus()
                .isBadRequest();
        assertThat(PlatformTestEnvironment.influxQuery("SHOW DATABASES")).contains("helio_t");
    }
}
