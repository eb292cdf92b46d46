package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Aggregates into time buckets: every function and fill, time zones, limits, and rollups that answer like raw data. */
@PlatformTest
class AggregatedDataQueryTest {

    /** 2023-11-14T22:00:00Z, on an hour. */
    private static final long HOUR = 1_699_999_200_000L;

    @Autowired
    WebTestClient web;

    @Test
    void everyFunctionAndFillOverMinuteBuckets() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("temp", "DOUBLE", "mode", "STRING"), "d1")
                .productKey();
        // minute 0: 1.0 and 3.0; minute 1: nothing; minute 2: 5.0; minute 3: 7.0
        PlatformTestEnvironment.influxWrite(
                tenant,
                line(product, "d1", "temp=1.0,mode=\"a\"", HOUR)
                        + line(product, "d1", "temp=3.0,mode=\"b\"", HOUR + 30_000)
                        + line(product, "d1", "temp=5.0", HOUR + 120_000)
                        + line(product, "d1", "temp=7.0", HOUR + 180_000));
        PlatformTestEnvironment.rollUp(tenant, Instant.ofEpochMilli(HOUR), Instant.ofEpochMilli(HOUR + 3_600_000));
        String query = "/timeseries/aggregated?productKey=" + product + "&deviceKey=d1&point=temp&start=" + HOUR
                + "&end=" + (HOUR + 240_000) + "&interval=1m";

        JsonNode counted = api.getJson(query + "&function=count");
        assertThat(counted.get("source").asString()).isEqualTo("ROLLUP_1M");
        assertThat(column(counted, "temp")).containsExactly(2L, 1L, 1L);
        assertThat(column(api.getJson(query + "&function=avg"), "temp")).containsExactly(2.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=sum"), "temp")).containsExactly(4.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=min"), "temp")).containsExactly(1.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=max"), "temp")).containsExactly(3.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=first"), "temp")).containsExactly(1.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=last"), "temp")).containsExactly(3.0, 5.0, 7.0);

        assertThat(column(api.getJson(query + "&function=avg&fill=NULL"), "temp"))
                .containsExactly(2.0, null, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=avg&fill=PREVIOUS"), "temp"))
                .containsExactly(2.0, 2.0, 5.0, 7.0);
        assertThat(column(api.getJson(query + "&function=avg&fill=LINEAR"), "temp"))
                .containsExactly(2.0, 3.5, 5.0, 7.0);

        // the same from raw data
        JsonNode raw = api.getJson(query + "&function=avg&fill=LINEAR&source=RAW");
        assertThat(raw.get("source").asString()).isEqualTo("RAW");
        assertThat(column(raw, "temp")).containsExactly(2.0, 3.5, 5.0, 7.0);

        // a string can be counted, first and last, but not averaged or interpolated
        String mode = query.replace("point=temp", "point=mode");
        assertThat(column(api.getJson(mode + "&function=last"), "mode")).containsExactly("b");
        expectProblem(api, mode + "&function=avg", "INVALID_AGGREGATION");
        expectProblem(api, mode + "&function=first&fill=LINEAR", "INVALID_AGGREGATION");
    }

    @Test
    void bucketsAlignToTheTimeZoneAndTooManyAreRefused() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("v", "INT"), "d1").productKey();
        // 15:30Z and 16:30Z on the same UTC day: in Shanghai the second is already the next day
        long day = 1_699_920_000_000L; // 2023-11-14T00:00:00Z
        PlatformTestEnvironment.influxWrite(
                tenant, line(product, "d1", "v=1i", day + 55_800_000) + line(product, "d1", "v=2i", day + 59_400_000));
        String query = "/timeseries/aggregated?productKey=" + product + "&deviceKey=d1&point=v&start=" + day + "&end="
                + (day + 86_400_000) + "&interval=1d&function=sum&source=RAW";

        assertThat(column(api.getJson(query), "v")).containsExactly(3L);
        JsonNode shanghai = api.getJson(query + "&timeZone=Asia/Shanghai");
        assertThat(column(shanghai, "v")).containsExactly(1L, 2L);
        assertThat(shanghai.get("items").get(1).get("time").asString()).isEqualTo("2023-11-15T00:00:00+08:00");
        assertThat(shanghai.get("timeZone").asString()).isEqualTo("Asia/Shanghai");

        expectProblem(api, query + "&timeZone=Mars/Olympus", "INVALID_AGGREGATION");
        expectProblem(api, query + "&timeZone=%2B08:00", "INVALID_AGGREGATION");
        expectProblem(
                api,
                query.replace("interval=1d", "interval=1s")
                        .replace("end=" + (day + 86_400_000), "end=" + (day + 10 * 86_400_000L)),
                "QUERY_TOO_LARGE");
        expectProblem(api, query.replace("interval=1d", "interval=400d"), "INVALID_AGGREGATION");
        expectProblem(api, query.replace("interval=1d", "interval=1w"), "VALIDATION_FAILED");
    }

    @Test
    void dayBucketsFollowLocalMidnightAcrossADaylightSavingChange() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("v", "INT"), "d1").productKey();
        // New York leaves summer time on 2023-11-05 at 02:00 local: that day has 25 hours
        Instant start = Instant.parse("2023-11-04T04:00:00Z"); // Nov 4, 00:00 EDT
        Instant end = Instant.parse("2023-11-07T05:00:00Z"); // Nov 7, 00:00 EST
        StringBuilder lines = new StringBuilder();
        for (Instant hour = start; hour.isBefore(end); hour = hour.plusSeconds(3600)) {
            lines.append(line(product, "d1", "v=1i", hour.toEpochMilli()));
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        PlatformTestEnvironment.rollUp(tenant, start, end);
        String query = "/timeseries/aggregated?productKey=" + product + "&deviceKey=d1&point=v&start="
                + start.toEpochMilli() + "&end=" + end.toEpochMilli()
                + "&interval=1d&function=count&timeZone=America/New_York&fill=NULL";

        for (String source : List.of("RAW", "AUTO")) {
            JsonNode days = api.getJson(query + "&source=" + source);
            assertThat(days.get("source").asString()).isEqualTo(source.equals("RAW") ? "RAW" : "ROLLUP_1H");
            assertThat(column(days, "v")).as(source).containsExactly(24L, 25L, 24L);
            List<String> midnights = new ArrayList<>();
            days.get("items").forEach(item -> midnights.add(item.get("time").asString()));
            assertThat(midnights)
                    .containsExactly(
                            "2023-11-04T00:00:00-04:00", "2023-11-05T00:00:00-04:00", "2023-11-06T00:00:00-05:00");
        }
    }

    @Test
    void rollupsAnswerExactlyAsRawDataWouldForEveryFunction() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("power", "INT", "temp", "DOUBLE"), "a")
                .productKey();
        api.createDevice(product, "{\"deviceKey\":\"b\",\"name\":\"b\"}");
        // six hours of 10-second data for two devices, a gap of 20 minutes in device b's
        Random random = new Random(42);
        StringBuilder lines = new StringBuilder();
        for (long t = HOUR; t < HOUR + 6 * 3_600_000L; t += 10_000) {
            lines.append(line(product, "a", "power=" + random.nextInt(1000) + "i,temp=" + random.nextDouble() * 40, t));
            if (t < HOUR + 7_200_000 || t >= HOUR + 8_400_000) {
                lines.append(line(product, "b", "power=" + random.nextInt(1000) + "i,temp=" + random.nextDouble(), t));
            }
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        PlatformTestEnvironment.rollUp(tenant, Instant.ofEpochMilli(HOUR), Instant.ofEpochMilli(HOUR + 6 * 3_600_000L));

        String base =
                "/timeseries/aggregated?productKey=" + product + "&deviceKey=a&deviceKey=b&point=power&point=temp";
        record Case(String range, String expectedSource) {}
        List<Case> cases = List.of(
                new Case("&start=" + HOUR + "&end=" + (HOUR + 6 * 3_600_000L) + "&interval=1h", "ROLLUP_1H"),
                // starts inside a bucket: the partial first bucket comes from raw data
                new Case("&start=" + (HOUR + 90_000) + "&end=" + (HOUR + 5 * 3_600_000L) + "&interval=5m", "ROLLUP_1M"),
                // India is 5:30 ahead of UTC: its hours are not UTC hours, so minutes answer
                new Case(
                        "&start=" + HOUR + "&end=" + (HOUR + 6 * 3_600_000L) + "&interval=2h&timeZone=Asia/Kolkata",
                        "ROLLUP_1M"),
                // the rollup's own buckets, read as they are (Nepal is 5:45 ahead: its minutes are UTC's)
                new Case(
                        "&start=" + (HOUR + 30_000) + "&end=" + (HOUR + 4 * 3_600_000L) + "&interval=1m"
                                + "&timeZone=Asia/Kathmandu",
                        "ROLLUP_1M"));
        for (Case each : cases) {
            for (String function : List.of("count", "avg", "sum", "min", "max", "first", "last")) {
                for (String fill : List.of("NULL", "NONE")) {
                    String query = base + each.range() + "&function=" + function + "&fill=" + fill;
                    JsonNode fromRollup = api.getJson(query);
                    JsonNode fromRaw = api.getJson(query + "&source=RAW");
                    assertThat(fromRollup.get("source").asString()).as(query).isEqualTo(each.expectedSource());
                    assertSameAnswer(fromRollup.get("items"), fromRaw.get("items"), query);
                }
            }
        }
    }

    /**
     * A busy influxd runs the minute rollup's query minutes late: a bucket that ended minutes ago may
     * not be rolled up yet, or only in part. The answer takes such buckets from raw data.
     */
    @Test
    void recentMinutesComeFromRawDataWhileTheRollupMayLag() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("power", "INT"), "a").productKey();
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        long start = minute - 20 * 60_000L;
        StringBuilder lines = new StringBuilder();
        for (long t = start; t < minute; t += 10_000) {
            lines.append(line(product, "a", "power=1i", t));
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        PlatformTestEnvironment.rollUp(tenant, Instant.ofEpochMilli(start), Instant.ofEpochMilli(minute));
        // stored after the rollup's last run: its next run, late, has not read it yet
        PlatformTestEnvironment.influxWrite(tenant, line(product, "a", "power=1i", minute - 3 * 60_000L + 1));

        String query = "/timeseries/aggregated?productKey=" + product + "&deviceKey=a&point=power&start=" + start
                + "&end=" + minute + "&interval=1m&function=count";
        JsonNode answer = api.getJson(query);
        assertThat(answer.get("source").asString()).isEqualTo("ROLLUP_1M");
        assertSameAnswer(answer.get("items"), api.getJson(query + "&source=RAW").get("items"), query);
        assertThat(column(answer, "power")).contains(7L);
    }

    /**
     * Equal record for record; fractions to within rounding (a sum of sums adds the same numbers in
     * another order).
     */
    private static void assertSameAnswer(JsonNode actual, JsonNode expected, String query) {
        assertThat(actual).as(query).hasSize(expected.size());
        assertThat(expected.size()).isGreaterThan(1);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode got = actual.get(i);
            JsonNode want = expected.get(i);
            assertThat(got.get("time")).as(query).isEqualTo(want.get("time"));
            assertThat(got.get("deviceKey")).as(query).isEqualTo(want.get("deviceKey"));
            for (String point : List.of("power", "temp")) {
                JsonNode value = got.get("measurepoints").get(point);
                JsonNode wanted = want.get("measurepoints").get(point);
                if (wanted == null || !wanted.isFloatingPointNumber()) {
                    assertThat(value)
                            .as(query + " " + point + " at " + want.get("time"))
                            .isEqualTo(wanted);
                } else {
                    assertThat(value.asDouble()).as(query).isCloseTo(wanted.asDouble(), within(1e-9));
                }
            }
        }
    }

    private static String line(String product, String device, String fields, long time) {
        return product + ",device=" + device + " " + fields + " " + time + "\n";
    }

    /** The point's value in each record, in order. */
    private static List<Object> column(JsonNode page, String point) {
        List<Object> values = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            JsonNode value = item.get("measurepoints").get(point);
            values.add(
                    value == null || value.isNull()
                            ? null
                            : value.isIntegralNumber()
                                    ? value.asLong()
                                    : value.isNumber() ? value.asDouble() : value.asString());
        }
        return values;
    }

    private static void expectProblem(Api api, String query, String code) {
        api.get(query)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
