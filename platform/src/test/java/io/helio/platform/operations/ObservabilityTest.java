package io.helio.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees: readiness that includes the stores and the broker, and Prometheus metrics
 * of the device traffic, by tenant and by reply code; and a dashboard that shows only metrics that exist.
 * What it costs: a request timed once, and no log line built that nobody reads.
 */
@PlatformTest
class ObservabilityTest {

    private static final Pattern METRIC = Pattern.compile("\\bhelio_[a-z_]+");

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void readinessCoversPostgresInfluxAndTheBroker() {
        JsonNode readiness = web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        for (String component : List.of("r2dbc", "influx", "mqtt", "readinessState")) {
            assertThat(readiness
                            .path("components")
                            .path(component)
                            .path("status")
                            .asString())
                    .as(component)
                    .isEqualTo("UP");
        }
    }

    @Test
    void devicesTrafficShowsInTheMetricsByTenantAndByReplyCode() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m1");
        try (EnosDevice meter =
                EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), device.productKey(), "m1", device.secret())) {
            assertThat(meter.postMeasurePoints("{\"kwh\":1.5}", System.currentTimeMillis()))
                    .contains("\"code\":200");
            assertThat(meter.postMeasurePoints("{\"kwh\":\"many\"}", System.currentTimeMillis()))
                    .contains("\"code\":1204");

            api.getJson("/timeseries/latest?productKey=" + device.productKey() + "&deviceKey=m1&point=kwh");
            String metrics = scrape();

            assertThat(value(metrics, "helio_query_records_total{query=\"latest\",tenant=\"" + tenant + "\"}"))
                    .isEqualTo(1.0);
            assertThat(value(metrics, "helio_device_messages_total{tenant=\"" + tenant + "\"}"))
                    .isEqualTo(2.0);
            assertThat(value(metrics, "helio_device_points_total{tenant=\"" + tenant + "\"}"))
                    .isEqualTo(1.0);
            assertThat(value(metrics, "helio_device_replies_total{code=\"1204\"}"))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(value(metrics, "helio_devices_connected")).isGreaterThanOrEqualTo(1.0);
            assertThat(metrics).contains("helio_influx_writes_seconds_count", "helio_spill_bytes");
            // both requests were timed from the broker to the reply, the stored one also in the writer
            assertThat(value(metrics, "helio_device_requests_seconds_count")).isGreaterThanOrEqualTo(2.0);
            assertThat(value(metrics, "helio_influx_acceptance_seconds_count")).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void aRequestIsTimedOnceAndNotInEachSecurityStep() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m1");

        api.getJson("/timeseries/latest?productKey=" + device.productKey() + "&deviceKey=m1&point=kwh");
        String metrics = scrape();

        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/timeseries/latest\"");
        assertThat(metrics).doesNotContain("spring_security_");
    }

    /**
     * The time the platform waits for influxd's answers is timed on its own, and its requests to
     * influxd are known apart from its other HTTP calls.
     */
    @Test
    void queriesToInfluxdAreTimedAsSuch() {
        Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m1");

        // nothing cached for a new device: its latest values are looked up in InfluxDB
        api.getJson("/timeseries/latest?productKey=" + device.productKey() + "&deviceKey=m1&point=kwh");
        String metrics = scrape();

        assertThat(value(metrics, "helio_influx_queries_seconds_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics)
                .containsPattern("(?m)^http_client_requests_seconds_count\\{.*method=\"GET\".*uri=\"/query[?\"]");
    }

    @Test
    void aDebugLineOfSpringsIsNotWrittenOutWhenDebugIsOff() {
        String name = ObservabilityTest.class.getName();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        var logback = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
        logback.addAppender(logged);
        AtomicInteger written = new AtomicInteger();
        Object line = new Object() {
            @Override
            public String toString() {
                written.incrementAndGet();
                return "a line";
            }
        };

        try {
            LogFactory.getLog(name).debug(line);
            LogFactory.getLog(name).info(line);
        } finally {
            logback.detachAppender(logged);
        }

        assertThat(written).hasValue(1);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("a line");
    }

    @Test
    void theDashboardShowsOnlyMetricsThatExist() throws Exception {
        String dashboard = Files.readString(Path.of("../helm/helio/dashboards/helio-platform.json"));
        Set<String> shown = new TreeSet<>();
        for (JsonNode panel : JsonMapper.builder().build().readTree(dashboard).get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher names = METRIC.matcher(target.get("expr").asString());
                while (names.find()) {
                    shown.add(names.group());
                }
            }
        }
        assertThat(shown).hasSizeGreaterThan(5);

        String metrics = scrape();

        assertThat(shown).allSatisfy(name -> assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]"));
    }

    private String scrape() {
        return web.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The value of one series in the Prometheus text format (the line that starts with it, tags in order). */
    private static double value(String metrics, String series) {
        return metrics.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + metrics));
    }
}
