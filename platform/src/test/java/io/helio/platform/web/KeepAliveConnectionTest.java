package io.helio.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client that sends its next request on the same connection as soon as it has an answer — as the
 * JDK's client does — must get every answer: a request that comes in while the previous one is
 * still finishing and is then answered at once (a 400, a 401) left the connection unread in Reactor
 * Netty 1.3.6, and the request after it hung (reactor-netty#4361).
 */
@PlatformTest
class KeepAliveConnectionTest {

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @Test
    void everyRequestOnAKeepAliveConnectionIsAnsweredWhateverAnswersAtOnce() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        String product = Api.forTenant(web, tenant)
                .provisionDevice("m", Map.of("v", "INT"), "d1")
                .productKey();
        String token = PlatformTestEnvironment.TOKENS.forTenant(tenant, TestTokens.ALL_SCOPES);
        String base = "http://127.0.0.1:" + port + "/timeseries/raw?productKey=" + product + "&deviceKey=d1&point=v";
        HttpRequest slow = request(base + "&start=0&end=1000", token);
        HttpRequest immediate = request(base + "&start=never&end=1000", token);
        HttpRequest unauthenticated = request(base + "&start=0&end=1000", null);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            for (HttpRequest request : List.of(slow, immediate, slow, unauthenticated)) {
                statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            }
        }

        assertThat(statuses).hasSize(120);
        assertThat(statuses.subList(0, 4)).containsExactly(200, 400, 200, 401);
        assertThat(statuses).containsOnly(200, 400, 401);
    }

    private static HttpRequest request(String uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
