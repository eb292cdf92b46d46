package io.helio.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.errors.RequestCorrelation;
import io.helio.platform.support.PlatformTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every answer carries its request's id, and a failure of the server's own is logged with it and the tenant. */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class RequestCorrelationTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ProblemHandler problems;

    @Test
    void theCallersRequestIdIsEchoedWhenUsableAndOneIsMadeOtherwise() {
        web.get()
                .uri("/thing-models")
                .header(RequestCorrelation.HEADER, "trace-42")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(RequestCorrelation.HEADER, "trace-42");
        String made = web.get()
                .uri("/thing-models")
                .header(RequestCorrelation.HEADER, "not usable\" <script>")
                .exchange()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestCorrelation.HEADER);
        assertThat(made).isNotBlank().doesNotContain("script");
    }

    @Test
    void anUnexpectedFailureIsLoggedWithItsRequestAndTenant(CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/rules"));
        exchange.getAttributes().put(RequestCorrelation.ID_ATTRIBUTE, "trace-7");
        exchange.getAttributes().put(RequestCorrelation.TENANT_ATTRIBUTE, "t-acme");

        int status = problems.unexpected(new IllegalStateException("boom"), exchange)
                .getStatusCode()
                .value();

        assertThat(status).isEqualTo(500);
        assertThat(output).contains("request trace-7 (tenant t-acme) failed unexpectedly", "boom");
    }
}
