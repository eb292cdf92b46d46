package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query client must not ask InfluxDB to compress its answers, even when the application's
 * WebClient builder does (Spring Boot's asks for gzip): compressing and inflating every answer on the
 * same cores cost more than the bytes it saves.
 */
class InfluxQueryClientCompressionTest {

    private final CopyOnWriteArrayList<String> acceptedEncodings = new CopyOnWriteArrayList<>();
    private HttpServer influx;

    @AfterEach
    void stop() {
        influx.stop(0);
    }

    @Test
    void answersAreAskedForUncompressed() throws Exception {
        influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/query", exchange -> {
            String encodings = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            acceptedEncodings.add(encodings == null ? "(none)" : encodings);
            byte[] answer = "{\"results\":[{\"statement_id\":0}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        influx.start();
        WebClient.Builder askingForGzip = WebClient.builder()
                .clientConnector(
                        new ReactorClientHttpConnector(HttpClient.create().compress(true)));

        InfluxQueryClient client = new TimeSeriesConfiguration()
                .influxQueryClient(
                        properties("http://127.0.0.1:" + influx.getAddress().getPort()),
                        askingForGzip,
                        JsonMapper.builder().build(),
                        new SimpleMeterRegistry());
        client.query(TenantId.of("tcompression0001"), "SELECT 1", Map.of()).block(Duration.ofSeconds(10));

        assertThat(acceptedEncodings).containsExactly("(none)");
    }

    private static InfluxProperties properties(String url) {
        return new InfluxProperties(
                url,
                null,
                null,
                Duration.ofSeconds(5),
                5000,
                Duration.ofMillis(5),
                20000,
                Duration.ofMillis(30),
                Path.of("unused"),
                DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }
}
