package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.SharedInfra;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** After a restart of influxd the repair rolls up again for every tenant whose database influxd holds. */
class InfluxTenantsTest {

    @Test
    void theTenantsAreThoseWithADatabaseInInfluxd() {
        TenantId tenant = TenantId.of(PlatformTestEnvironment.newTenant());
        PlatformTestEnvironment.influxQuery("CREATE DATABASE someone_elses");

        InfluxQueryClient influx = new InfluxQueryClient(
                WebClient.builder().baseUrl(SharedInfra.get().influxd().url()).build(),
                JsonMapper.builder().build(),
                Duration.ofSeconds(10),
                new SimpleMeterRegistry());

        assertThat(influx.tenants().block(Duration.ofSeconds(10)))
                .contains(tenant)
                .allSatisfy(listed -> assertThat(listed.timeSeriesDatabase()).startsWith("helio_"));
    }
}
