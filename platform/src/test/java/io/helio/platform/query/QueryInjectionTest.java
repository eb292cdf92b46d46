package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * InfluxQL injection through every parameter of every time-series query: each attempt is refused
 * with a 4xx before it reaches InfluxDB (identifiers are validated, values bound as parameters), and
 * the tenant's data and every database are still there afterwards.
 */
@PlatformTest
class QueryInjectionTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final List<String> ATTACKS = List.of(
            "x\" FROM /.*/; DROP DATABASE \"helio_x",
            "x' OR '1'='1",
            "x; DROP SERIES FROM /.*/",
            "x\\\" --",
            "/.*/",
            "x\nDROP DATABASE y",
            "x) OR (1=1",
            "$d0");

    @Autowired
    WebTestClient web;

    @Test
    void noParameterOfAnyQueryReachesInfluxDbAsInfluxQl() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("m", Map.of("v", "INT"), "d1").productKey();
        PlatformTestEnvironment.influxWrite(tenant, product + ",device=d1 v=1i " + T0 + "\n");

        Map<String, Map<String, String>> queries = new LinkedHashMap<>();
        Map<String, String> series = new LinkedHashMap<>();
        series.put("productKey", product);
        series.put("deviceKey", "d1");
        series.put("point", "v");
        series.put("start", Long.toString(T0));
        series.put("end", Long.toString(T0 + 1000));
        queries.put("/timeseries/raw", with(series, "order", "ASC", "limit", "10", "cursor", "eA"));
        queries.put("/timeseries/raw/columns", queries.get("/timeseries/raw"));
        queries.put("/timeseries/raw/records", with(series, "order", "DESC"));
        queries.put(
                "/timeseries/aggregated",
                with(series, "interval", "1m", "function", "avg", "fill", "NULL", "timeZone", "UTC", "source", "RAW"));
        queries.put("/timeseries/aggregated/columns", queries.get("/timeseries/aggregated"));
        Map<String, String> latest = with(series, "since", Long.toString(T0));
        latest.remove("start");
        latest.remove("end");
        queries.put("/timeseries/latest", latest);
        Map<String, String> live = new LinkedHashMap<>(series);
        live.remove("start");
        live.remove("end");
        queries.put("/timeseries/live", live);
        Map<String, String> events = with(series, "event", "e", "order", "ASC", "limit", "10", "cursor", "eA");
        events.remove("point");
        queries.put("/timeseries/events", events);

        List<String> accepted = new ArrayList<>();
        int attempts = 0;
        for (Map.Entry<String, Map<String, String>> query : queries.entrySet()) {
            for (String parameter : query.getValue().keySet()) {
                for (String attack : ATTACKS) {
                    Map<String, String> parameters = new LinkedHashMap<>(query.getValue());
                    parameters.put(parameter, attack);
                    int status = api.get(template(query.getKey(), parameters), parameters)
                            .returnResult(String.class)
                            .getStatus()
                            .value();
                    attempts++;
                    if (status < 400 || status >= 500) {
                        accepted.add(status + " " + query.getKey() + " " + parameter + "=" + attack);
                    }
                }
            }
        }

        assertThat(attempts).isGreaterThan(200);
        assertThat(accepted).isEmpty();
        assertThat(PlatformTestEnvironment.influxQuery("SHOW DATABASES")).contains("helio_" + tenant);
        assertThat(PlatformTestEnvironment.influxQuery(
                        "SELECT count(v) FROM \"helio_" + tenant + "\"..\"" + product + "\""))
                .contains("[0,1]");
        // and the untouched query still answers
        api.get(template("/timeseries/raw", series), series)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].measurepoints.v")
                .isEqualTo(1);
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> parameters = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    /** The path with each parameter as a template variable, so that its value is sent exactly. */
    private static String template(String path, Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder(path).append('?');
        parameters
                .keySet()
                .forEach(name -> uri.append(name).append("={").append(name).append("}&"));
        return uri.toString();
    }
}
