package io.helio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.errors.RequestCorrelation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every answer of tenant-admin carries its request's id: the caller's when usable, else its own. */
class RequestCorrelationTest extends TenantAdminIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theCallersRequestIdIsEchoedAndOneIsMadeOtherwise() throws Exception {
        HttpResponse<Void> given = HTTP.send(
                HttpRequest.newBuilder(URI.create(TenantAdminTestSupport.baseUrl() + "/tenants/t1"))
                        .header(RequestCorrelation.HEADER, "trace-42")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> made = HTTP.send(
                HttpRequest.newBuilder(URI.create(TenantAdminTestSupport.baseUrl() + "/tenants/t1"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(given.statusCode()).isEqualTo(401);
        assertThat(given.headers().firstValue(RequestCorrelation.HEADER)).contains("trace-42");
        assertThat(made.headers().firstValue(RequestCorrelation.HEADER))
                .isPresent()
                .get()
                .asString()
                .isNotBlank();
    }
}
