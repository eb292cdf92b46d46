package io.helio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** tenant-admin is ready only with its database: the readiness group names it. */
class ReadinessTest extends TenantAdminIntegrationTest {

    @Test
    void readinessIncludesTheDatabase() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(TenantAdminTestSupport.baseUrl() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\":{\"status\":\"UP\"", "\"readinessState\":{\"status\":\"UP\"");
    }
}
