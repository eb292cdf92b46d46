package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.SharedInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The restart check reads influxd's start time from the opening of {@code /debug/vars}, which grows by
 * kilobytes with every shard: with thousands of tenants the whole page would outgrow what the client
 * may hold, and the check would stop seeing restarts.
 */
class InfluxdStartTest {

    private static final int CLIENT_HOLDS_BYTES = 4 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theStartTimeIsReadWithoutHoldingTheWholePage() throws Exception {
        // given influxd's page of figures, larger than the client may hold
        String url = SharedInfra.get().influxd().url();
        String page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/debug/vars")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(page.length()).isGreaterThan(CLIENT_HOLDS_BYTES);
        Instant started =
                Instant.parse(JSON.readTree(page).path("system").path("started").asString());

        // when the platform's client, holding at most that much, asks influxd when it started
        WebClient holdingLittle = WebClient.builder()
                .baseUrl(url)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(CLIENT_HOLDS_BYTES))
                .build();
        InfluxQueryClient influx =
                new InfluxQueryClient(holdingLittle, JSON, Duration.ofSeconds(10), new SimpleMeterRegistry());

        // then it is told the same start time
        assertThat(influx.startedAt().block(Duration.ofSeconds(20))).isEqualTo(started);
    }
}
