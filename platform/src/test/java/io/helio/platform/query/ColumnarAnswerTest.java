package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The columnar answers ({@code /columns}) hold exactly what the record answers hold, page for page
 * and bucket for bucket, and are as walled, limited and validated.
 */
@PlatformTest
class ColumnarAnswerTest {

    /** 2023-11-14T22:00:00Z, on an hour. */
    private static final long HOUR = 1_699_999_200_000L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    Api api;
    String product;

    /** Two devices over ten minutes: "a" reports power and temp every 10 s, "b" only power, every 20 s, 5 s later. */
    @BeforeEach
    void twoDevicesReportingDifferentPoints() {
        String tenant = PlatformTestEnvironment.newTenant();
        api = Api.forTenant(web, tenant);
        product = api.provisionDevice("m", Map.of("power", "INT", "temp", "DOUBLE"), "a")
                .productKey();
        api.createDevice(product, "{\"deviceKey\":\"b\",\"name\":\"b\"}");
        StringBuilder lines = new StringBuilder();
        for (long t = HOUR; t < HOUR + 600_000; t += 10_000) {
            lines.append(
                    product + ",device=a power=" + (t - HOUR) / 1000 + "i,temp=" + (t - HOUR) / 7e3 + " " + t + "\n");
            if ((t - HOUR) % 20_000 == 0) {
                lines.append(product + ",device=b power=" + (t - HOUR) / 500 + "i " + (t + 5_000) + "\n");
            }
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        PlatformTestEnvironment.rollUp(tenant, Instant.ofEpochMilli(HOUR), Instant.ofEpochMilli(HOUR + 3_600_000));
    }

    @Test
    void eachRawPageAsColumnsHoldsWhatItsRecordsHold() {
        for (String order : List.of("ASC", "DESC")) {
            String query = "?productKey=" + product + "&deviceKey=a&deviceKey=b&point=temp&point=power&start=" + HOUR
                    + "&end=" + (HOUR + 600_000) + "&limit=40&order=" + order;
            int pages = 0;
            String cursor = "";
            do {
                JsonNode records = api.getJson("/timeseries/raw" + query + cursor);
                JsonNode columns = api.getJson("/timeseries/raw/columns" + query + cursor);

                assertThat(columns.get("productKey").asString()).isEqualTo(product);
                assertThat(columns.get("devices"))
                        .as(order + " page " + pages)
                        .isEqualTo(columnsOf(records.get("items"), List.of("temp", "power")));
                assertThat(columns.get("nextCursor")).isEqualTo(records.get("nextCursor"));
                cursor = records.has("nextCursor")
                        ? "&cursor=" + records.get("nextCursor").asString()
                        : null;
                pages++;
            } while (cursor != null);
            assertThat(pages).as("90 records, 40 a page").isEqualTo(3);
        }
    }

    @Test
    void aggregatedBucketsAsColumnsHoldWhatTheirRecordsHold() {
        String range = "?productKey=" + product + "&deviceKey=a&deviceKey=b&point=power&point=temp&start=" + HOUR
                + "&end=" + (HOUR + 600_000);
        for (String options : List.of(
                "&interval=1m&function=avg",
                "&interval=1m&function=max&fill=NULL&timeZone=Asia/Kathmandu",
                "&interval=30s&function=count&fill=NULL",
                "&interval=5m&function=last&source=RAW")) {
            JsonNode records = api.getJson("/timeseries/aggregated" + range + options);
            JsonNode columns = api.getJson("/timeseries/aggregated/columns" + range + options);

            for (String field : List.of("function", "interval", "timeZone", "source")) {
                assertThat(columns.get(field)).as(options + " " + field).isEqualTo(records.get(field));
            }
            JsonNode expected = columnsOf(records.get("items"), List.of("power", "temp"));
            assertThat(expected).as(options + ": both devices").hasSize(2);
            assertThat(columns.get("devices")).as(options).isEqualTo(expected);
        }
    }

    @Test
    void anotherTenantGetsNothingFromTheColumnsAndTheLimitsHold() {
        Api attacker = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        String series = "?productKey=" + product + "&deviceKey=a&point=power&start=" + HOUR;
        String range = series + "&end=" + (HOUR + 600_000);
        for (String path : List.of(
                "/timeseries/raw/columns" + range,
                "/timeseries/aggregated/columns" + range + "&interval=1m&function=sum")) {
            api.get(path).expectStatus().isOk();
            String answer = attacker.get(path)
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(answer).contains("PRODUCT_NOT_FOUND").doesNotContain("power\":");
        }
        api.get("/timeseries/aggregated/columns" + series + "&end=" + (HOUR + 700_000_000)
                        + "&interval=1s&function=sum")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("QUERY_TOO_LARGE");
        api.get("/timeseries/raw/columns" + range + "&limit=10001")
                .expectStatus()
                .isBadRequest();
    }

    /** The columns per device that the records make, computed here from the record answer. */
    private static ArrayNode columnsOf(JsonNode records, List<String> points) {
        Map<String, ObjectNode> byDevice = new LinkedHashMap<>();
        for (JsonNode record : records) {
            ObjectNode device = byDevice.computeIfAbsent(record.get("deviceKey").asString(), key -> {
                ObjectNode created = JSON.createObjectNode().put("deviceKey", key);
                created.putArray("timestamps");
                ObjectNode values = created.putObject("measurepoints");
                points.forEach(values::putArray);
                return created;
            });
            ((ArrayNode) device.get("timestamps")).add(record.get("timestamp").asLong());
            for (String point : points) {
                JsonNode value = record.get("measurepoints").get(point);
                ((ArrayNode) device.get("measurepoints").get(point)).add(value == null ? JSON.nullNode() : value);
            }
        }
        ArrayNode devices = JSON.createArrayNode();
        byDevice.values().forEach(devices::add);
        return devices;
    }
}
