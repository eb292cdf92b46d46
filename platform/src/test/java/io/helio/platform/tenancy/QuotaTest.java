package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A tenant's quotas, as tenant-admin (WireMock here) reports them, enforced on its API calls. */
@PlatformTest
class QuotaTest {

    @Autowired
    WebTestClient web;

    @Test
    void aTenantOverItsApiRateGets429WithRetryAfterWhileOthersAreServed() throws Exception {
        // given a tenant allowed 3 requests a second, and another tenant
        String limited = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setQuotas(limited, 10, 3);
        Api api = Api.forTenant(web, limited);
        Api other = Api.forTenant(web, PlatformTestEnvironment.newTenant());

        // when it sends thirty requests in a row (at most 3 + 3 per elapsed second may pass)
        List<EntityExchangeResult<String>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            results.add(api.get("/thing-models").expectBody(String.class).returnResult());
        }

        // then what exceeds the rate is refused with a clear code and when to retry, and nothing else
        List<EntityExchangeResult<String>> refused = results.stream()
                .filter(result -> result.getStatus().value() == 429)
                .toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(10);
        assertThat(results)
                .allMatch(result ->
                        result.getStatus().value() == 429 || result.getStatus().value() == 200);
        assertThat(refused.get(0).getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.get(0).getResponseBody()).contains("\"code\":\"RATE_LIMITED\"");
        // and another tenant is not slowed
        for (int i = 0; i < 10; i++) {
            other.get("/thing-models").expectStatus().isOk();
        }
        // and after a second it is served again
        Thread.sleep(1100);
        api.get("/thing-models").expectStatus().isOk();
    }

    @Test
    void aTenantAtItsDeviceQuotaCannotCreateMore() {
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setQuotas(tenant, 2, 10_000);
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice first = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m-1");
        api.createDevice(first.productKey(), "{\"deviceKey\":\"m-2\",\"name\":\"m-2\"}");

        api.postJson("/products/" + first.productKey() + "/devices", "{\"deviceKey\":\"m-3\",\"name\":\"m-3\"}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("QUOTA_EXCEEDED");
        api.get("/devices")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2);
    }
}
