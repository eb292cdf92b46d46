package io.helio.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every data type of the thing model, from a device over MQTT to the query API and back. */
@PlatformTest
class TypedIngestionTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String MODEL = """
            {"modelId":"station","name":"Station","elements":{"measurePoints":[
              {"identifier":"power","type":{"dataType":"DOUBLE","min":-10,"max":60},"hasQuality":true},
              {"identifier":"energy","type":{"dataType":"INT","min":0}},
              {"identifier":"state","type":{"dataType":"ENUM","enumValues":[{"value":0,"label":"off"},{"value":1,"label":"on"}]}},
              {"identifier":"code","type":{"dataType":"STRING","maxLength":4}},
              {"identifier":"serviceDay","type":{"dataType":"DATE"}},
              {"identifier":"lastStart","type":{"dataType":"TIMESTAMP"}},
              {"identifier":"strings","type":{"dataType":"ARRAY","itemType":{"dataType":"DOUBLE","min":0},"maxSize":3}},
              {"identifier":"grid","type":{"dataType":"STRUCT","fields":[
                {"identifier":"voltage","type":{"dataType":"DOUBLE"}},{"identifier":"phase","type":{"dataType":"INT"}}]}}]}}
            """;

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    String productKey;
    String secret;

    @BeforeEach
    void station() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", MODEL).expectStatus().isCreated();
        productKey = api.createProduct("{\"name\":\"Station\",\"modelId\":\"station\"}");
        secret = api.createDevice(productKey, "{\"deviceKey\":\"st-1\",\"name\":\"Station 1\"}");
    }

    @Test
    void valuesOfEveryTypeAreStoredAndReadBackAsSent() throws Exception {
        try (EnosDevice station = connect()) {
            String reply = station.postMeasurePoints("""
                    {"power":{"value":42.5,"quality":9},"energy":12.0,"state":1,"code":"OK","serviceDay":"2024-05-01",
                     "lastStart":1699999999000,"strings":[1.5,2,3.25],"grid":{"voltage":230.1,"phase":3}}""", T0);
            assertThat(reply).contains("\"code\":200");
        }

        api.get(query("power", "energy", "state", "code", "serviceDay", "lastStart", "strings", "grid"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].measurepoints.power.value")
                .isEqualTo(42.5)
                .jsonPath("$.items[0].measurepoints.power.quality")
                .isEqualTo(9)
                .jsonPath("$.items[0].measurepoints.energy")
                .isEqualTo(12)
                .jsonPath("$.items[0].measurepoints.state")
                .isEqualTo(1)
                .jsonPath("$.items[0].measurepoints.code")
                .isEqualTo("OK")
                .jsonPath("$.items[0].measurepoints.serviceDay")
                .isEqualTo("2024-05-01")
                .jsonPath("$.items[0].measurepoints.lastStart")
                .isEqualTo(1699999999000L)
                .jsonPath("$.items[0].measurepoints.strings[2]")
                .isEqualTo(3.25)
                .jsonPath("$.items[0].measurepoints.grid.voltage")
                .isEqualTo(230.1)
                .jsonPath("$.items[0].measurepoints.grid.phase")
                .isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "above the maximum      | {\"power\":{\"value\":61,\"quality\":0}} | maximum",
                "quality not an integer | {\"power\":{\"value\":1,\"quality\":\"good\"}} | quality",
                "below the minimum      | {\"energy\":-1}                | minimum",
                "not a whole number     | {\"energy\":1.5}               | energy",
                "not an enum value      | {\"state\":7}                  | one of [0, 1]",
                "string too long        | {\"code\":\"TOO-LONG\"}        | longer than 4",
                "not a date             | {\"serviceDay\":\"01/05/2024\"} | date",
                "array too long         | {\"strings\":[1,2,3,4]}        | more than 3 items",
                "array item out of range| {\"strings\":[1,-2]}           | minimum",
                "struct field unknown   | {\"grid\":{\"freq\":50}}       | no field 'freq'",
                "struct field mistyped  | {\"grid\":{\"phase\":\"L1\"}}  | grid",
                "quality on a plain point | {\"energy\":{\"value\":1,\"quality\":0}} | does not declare a quality flag"
            })
    void valuesThatDoNotFitTheModelAreRefusedWith1204NamingThePoint(String kind, String points, String reason)
            throws Exception {
        try (EnosDevice station = connect()) {
            String reply = station.request(
                    station.topic("thing/measurepoint/post"),
                    "{\"id\":\"7\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":" + points
                            + ",\"time\":" + T0 + "}}",
                    Duration.ofSeconds(10));

            assertThat(reply).contains("\"code\":1204").contains(reason);
        }
        api.get(query("power", "energy", "state", "code", "serviceDay", "strings", "grid"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    private EnosDevice connect() throws Exception {
        return EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), productKey, "st-1", secret);
    }

    private String query(String... points) {
        return "/timeseries/raw?productKey=" + productKey + "&deviceKey=st-1&start=2023-11-14T00:00:00Z"
                + "&end=2023-11-15T00:00:00Z&point=" + String.join("&point=", points);
    }
}
