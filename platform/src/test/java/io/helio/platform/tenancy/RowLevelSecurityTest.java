package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The second wall: even a query that forgot its tenant, run with the service's own database role,
 * sees and changes nothing of any tenant.
 */
@PlatformTest
class RowLevelSecurityTest {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantScope scope;

    TenantId tenantA;
    TenantId tenantB;

    @BeforeEach
    void twoTenantsWithDevices() {
        tenantA = TenantId.of(PlatformTestEnvironment.newTenant());
        tenantB = TenantId.of(PlatformTestEnvironment.newTenant());
        Api.forTenant(web, tenantA.value()).provisionDevice("meter", Map.of("kwh", "DOUBLE"), "a-1");
        Api.forTenant(web, tenantB.value()).provisionDevice("meter", Map.of("kwh", "DOUBLE"), "b-1");
    }

    @Test
    void aQueryThatForgotTheTenantSeesNothing() {
        for (String table : List.of("thing_models", "products", "devices", "audit_outbox")) {
            assertThat(count("SELECT count(*) AS n FROM " + table)).as(table).isZero();
        }
        assertThat(db.sql("UPDATE devices SET name = 'hijacked'")
                        .fetch()
                        .rowsUpdated()
                        .block(Duration.ofSeconds(5)))
                .isZero();
    }

    @Test
    void aTenantsTransactionSeesOnlyItsOwnRows() {
        List<String> seenByA = scope.flux(
                        tenantA,
                        () -> db.sql("SELECT tenant_id FROM devices")
                                .map(row -> row.get("tenant_id", String.class))
                                .all())
                .collectList()
                .block(Duration.ofSeconds(5));

        assertThat(seenByA).isNotEmpty().containsOnly(tenantA.value());
    }

    @Test
    void aTenantsTransactionCannotWriteAnotherTenantsRows() {
        assertThatThrownBy(() -> scope.mono(
                                tenantA,
                                () -> db.sql("INSERT INTO thing_models"
                                                + " (tenant_id, model_id, name, elements, created_at, updated_at)"
                                                + " VALUES (:other, 'planted', 'x', '{}'::jsonb, now(), now())")
                                        .bind("other", tenantB.value())
                                        .then())
                        .block(Duration.ofSeconds(5)))
                .hasMessageContaining("row-level security");
        Long changed = scope.mono(
                        tenantA,
                        () -> db.sql("UPDATE products SET name = 'taken' WHERE tenant_id = :other")
                                .bind("other", tenantB.value())
                                .fetch()
                                .rowsUpdated())
                .block(Duration.ofSeconds(5));
        assertThat(changed).isZero();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(5));
    }
}
