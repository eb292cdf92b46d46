package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw data a page at a time with cursors (records of several devices share instants), in both
 * orders, EnOS's size limits, both time notations, and the whole range streamed as JSON, NDJSON
 * and CSV.
 */
@PlatformTest
class RawDataPagingTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int INSTANTS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    String tenant;
    Api api;
    String product;
    String range;

    @BeforeEach
    void threeDevicesReportingAtTheSameInstants() {
        tenant = PlatformTestEnvironment.newTenant();
        api = Api.forTenant(web, tenant);
        product = api.provisionDevice("meter", Map.of("v", "INT", "label", "STRING"), "d1")
                .productKey();
        api.createDevice(product, "{\"deviceKey\":\"d2\",\"name\":\"d2\"}");
        api.createDevice(product, "{\"deviceKey\":\"d3\",\"name\":\"d3\"}");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < INSTANTS; i++) {
            for (String device : List.of("d1", "d2", "d3")) {
                lines.append(product)
                        .append(",device=")
                        .append(device)
                        .append(" v=")
                        .append(i)
                        .append("i,label=\"a, \\\"quoted\\\" label\" ")
                        .append(T0 + i * 1000L)
                        .append('\n');
            }
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        range = "/timeseries/raw?productKey=" + product + "&deviceKey=d1&deviceKey=d2&deviceKey=d3&point=v&start=" + T0
                + "&end=" + (T0 + INSTANTS * 1000L);
    }

    @Test
    void pagesWithCursorsReturnEveryRecordOnceInEitherOrder() {
        List<String> ascending = allPages(range + "&limit=4");
        assertThat(ascending).hasSize(3 * INSTANTS).doesNotHaveDuplicates();
        assertThat(ascending).isSortedAccordingTo(Comparator.comparing(RawDataPagingTest::instant));

        List<String> descending = allPages(range + "&limit=4&order=DESC");
        assertThat(descending).hasSize(3 * INSTANTS).doesNotHaveDuplicates();
        assertThat(descending)
                .isSortedAccordingTo(
                        Comparator.comparing(RawDataPagingTest::instant).reversed());
        assertThat(descending).containsExactlyInAnyOrderElementsOf(ascending);

        // a page of 2 inside an instant of 3 records, too
        assertThat(allPages(range + "&limit=2")).containsExactlyElementsOf(ascending);
    }

    @Test
    void aPageInfluxdSendsInSeveralChunksComesWholeAndInOrder() {
        // rows of time, device, v and label: 500 a chunk, so a page of 1,400 comes in three
        long later = T0 + INSTANTS * 1000L;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_401; i++) {
            lines.append(product).append(",device=d1 v=").append(i).append("i ").append(later + i);
            lines.append('\n');
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        String page = "/timeseries/raw?productKey=" + product + "&deviceKey=d1&point=v&point=label&start=" + later
                + "&end=" + (later + 2_000) + "&limit=1400";

        JsonNode first = api.getJson(page);
        JsonNode items = first.get("items");
        assertThat(items).hasSize(1_400);
        for (int i = 0; i < 1_400; i++) {
            assertThat(items.get(i).get("timestamp").asLong()).isEqualTo(later + i);
            assertThat(items.get(i).get("measurepoints").get("v").asInt()).isEqualTo(i);
        }
        JsonNode last = api.getJson(page + "&cursor=" + first.get("nextCursor").asString());
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.get("items").get(0).get("timestamp").asLong()).isEqualTo(later + 1_400);
        assertThat(last.has("nextCursor")).isFalse();
    }

    @Test
    void aCursorOnlyWorksForItsOwnOrderAndMustBeOurs() {
        String cursor = api.getJson(range + "&limit=4").get("nextCursor").asString();
        expectProblem(range + "&limit=4&order=DESC&cursor=" + cursor, 400, "VALIDATION_FAILED");
        expectProblem(range + "&cursor=bm90LWEtY3Vyc29y", 400, "VALIDATION_FAILED");
    }

    @Test
    void timesAreIsoWithAnOffsetOrEpochMillisAndComeBackAsBoth() {
        // 1700000000000 is 2023-11-14T22:13:20Z, 06:13:20 the next day in Shanghai
        String iso = "/timeseries/raw?productKey=" + product
                + "&deviceKey=d1&point=v&start=2023-11-15T06:13:20+08:00&end=2023-11-14T22:13:22Z";
        JsonNode items = api.getJson(iso).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("timestamp").asLong()).isEqualTo(T0);
        assertThat(items.get(0).get("time").asString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(items.get(1).get("measurepoints").get("v").asLong()).isEqualTo(1);

        expectProblem(range.replace("start=" + T0, "start=yesterday"), 400, "INVALID_TIME");
        expectProblem(range.replace("start=" + T0, "start=2023-11-14T22:13:20"), 400, "INVALID_TIME");
    }

    @Test
    void enosSizeLimitsAreRefusedNamingTheLimit() {
        StringBuilder devices = new StringBuilder();
        for (int i = 0; i < 61; i++) {
            devices.append("&deviceKey=x").append(i);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            points.append("&point=p").append(i);
        }
        String tooManySeries = "/timeseries/raw?productKey=" + product + devices + points + "&start=0&end=1";
        assertThat(expectProblem(tooManySeries, 400, "QUERY_TOO_LARGE")).contains("3050", "3000");

        StringBuilder manyDevices = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            manyDevices.append("&deviceKey=x").append(i);
        }
        String tooManyValues =
                "/timeseries/raw?productKey=" + product + manyDevices + "&point=v&start=0&end=1&limit=10000";
        assertThat(expectProblem(tooManyValues, 400, "QUERY_TOO_LARGE")).contains("650000", "640000");
    }

    @Test
    void theWholeRangeStreamsAsJsonNdjsonOrCsv() {
        String records = range.replace("/timeseries/raw?", "/timeseries/raw/records?") + "&point=label";

        JsonNode array = JSON.readTree(body(records, MediaType.APPLICATION_JSON));
        assertThat(array).hasSize(3 * INSTANTS);
        assertThat(array.get(0).get("measurepoints").get("label").asString()).isEqualTo("a, \"quoted\" label");

        String[] ndjson =
                body(records + "&order=DESC", MediaType.APPLICATION_NDJSON).split("\n");
        assertThat(ndjson).hasSize(3 * INSTANTS);
        assertThat(JSON.readTree(ndjson[0]).get("timestamp").asLong()).isEqualTo(T0 + (INSTANTS - 1) * 1000L);

        String[] csv = body(records, MediaType.parseMediaType("text/csv")).split("\n");
        assertThat(csv[0]).isEqualTo("productKey,deviceKey,time,timestamp,point,value,quality");
        assertThat(csv).hasSize(1 + 3 * INSTANTS * 2);
        assertThat(csv).contains(product + ",d1,2023-11-14T22:13:20Z," + T0 + ",v,0,");
        assertThat(csv).contains(product + ",d1,2023-11-14T22:13:20Z," + T0 + ",label,\"a, \"\"quoted\"\" label\",");
    }

    /** Follows the cursors to the end; each record as "instant/device". */
    private List<String> allPages(String query) {
        List<String> records = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson(query + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items")
                    .forEach(item -> records.add(item.get("timestamp").asLong() + "/"
                            + item.get("deviceKey").asString()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return records;
    }

    private static long instant(String record) {
        return Long.parseLong(record.substring(0, record.indexOf('/')));
    }

    private String body(String query, MediaType accept) {
        return api.get(query, accept)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String expectProblem(String query, int status, String code) {
        String problem = api.get(query)
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JSON.readTree(problem).get("code").asString()).isEqualTo(code);
        return problem;
    }
}
