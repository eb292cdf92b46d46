package io.helio.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An answered write is in the outbox on disk before its caller sees the answer, stays there while
 * tenant-admin refuses it, and is shipped once, in order, when tenant-admin takes it.
 */
@PlatformTest
class AuditShipperTest {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantScope scope;

    @Test
    void answeredWritesWaitOnDiskUntilTenantAdminTakesThemThenShipOnceInOrder() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        PlatformTestEnvironment.refuseAuditShipments(true);
        try {
            // when the tenant writes twice while tenant-admin refuses audit shipments
            api.postJson("/thing-models", "{\"modelId\":\"first\",\"name\":\"First\"}")
                    .expectStatus()
                    .isCreated();
            api.delete("/thing-models/first").expectStatus().isNoContent();

            // then both answered writes are already in the outbox, in order, and stay there
            assertThat(waiting(tenant)).containsExactly("/thing-models", "/thing-models/first");
            Thread.sleep(1000); // five shipping periods, all refused
            assertThat(waiting(tenant)).containsExactly("/thing-models", "/thing-models/first");
        } finally {
            PlatformTestEnvironment.refuseAuditShipments(false);
        }

        // and once tenant-admin takes them they are shipped exactly once, in order, and leave the outbox
        assertThat(Eventually.read(() -> waiting(tenant), List::isEmpty)).isEmpty();
        String taken = String.join("\n", PlatformTestEnvironment.shippedAuditBatches());
        assertThat(taken.split("\"tenantId\":\"" + tenant + "\"", -1)).hasSize(3);
        assertThat(taken)
                .containsSubsequence(
                        "\"action\":\"POST /thing-models\"", "\"action\":\"DELETE /thing-models/{modelId}\"");
    }

    /** The targets of the tenant's events in the outbox, oldest first. */
    private List<String> waiting(String tenant) {
        return scope.flux(
                        TenantId.of(tenant),
                        () -> db.sql("SELECT target FROM audit_outbox WHERE tenant_id = :tenant ORDER BY id")
                                .bind("tenant", tenant)
                                .map(row -> row.get("target", String.class))
                                .all())
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
