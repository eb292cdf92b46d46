package io.helio.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The platform's writes reach tenant-admin's audit log (WireMock here), refusals included, reads not. */
@PlatformTest
class AuditTrailTest {

    @Autowired
    WebTestClient web;

    @Test
    void writesAndRefusedWritesAreShippedWithWhoWhatAndResult() throws Exception {
        // given a tenant's application, and another application of it that may only read
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api readOnly = new Api(web, PlatformTestEnvironment.TOKENS.forTenant(tenant, List.of("model:read")));

        // when it creates a model, the reader tries to, and both read
        api.postJson("/thing-models", "{\"modelId\":\"audited\",\"name\":\"Audited\"}")
                .expectStatus()
                .isCreated();
        readOnly.postJson("/thing-models", "{\"modelId\":\"sneaky\",\"name\":\"Sneaky\"}")
                .expectStatus()
                .isForbidden();
        api.get("/thing-models/audited").expectStatus().isOk();

        // then both writes are shipped to tenant-admin with the tenant, template, path and status
        String shipped = awaitShipped(tenant, 2);
        assertThat(shipped)
                .contains("\"action\":\"POST /thing-models\"", "\"target\":\"/thing-models\"")
                .contains("\"status\":201", "\"status\":403")
                .contains("\"actor\":\"app-test\"")
                .doesNotContain("GET ");
    }

    /** The shipped batches naming the tenant, once they hold {@code events} events of it. */
    private static String awaitShipped(String tenant, int events) {
        return Eventually.read(
                () -> String.join(
                        "\n",
                        PlatformTestEnvironment.shippedAuditBatches().stream()
                                .filter(batch -> batch.contains(tenant))
                                .toList()),
                shipped -> shipped.split("\"tenantId\":\"" + tenant + "\"", -1).length - 1 >= events);
    }
}
