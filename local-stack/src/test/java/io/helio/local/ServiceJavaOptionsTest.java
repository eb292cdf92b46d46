package io.helio.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceJavaOptionsTest {

    @Test
    void eachServiceTakesOnlyTheOptionsNamedForIt() {
        Map<String, String> environment = Map.of(
                "HELIO_PLATFORM_JAVA_OPTS", "  -Xmx1g   -XX:MaxGCPauseMillis=20 ",
                "HELIO_TENANT_ADMIN_JAVA_OPTS", "-Xmx256m");

        assertThat(ServiceProcess.javaOptions("platform", environment))
                .containsExactly("-Xmx1g", "-XX:MaxGCPauseMillis=20");
        assertThat(ServiceProcess.javaOptions("tenant-admin", environment)).containsExactly("-Xmx256m");
        assertThat(ServiceProcess.javaOptions("edge-bridge", environment)).isEmpty();
        assertThat(ServiceProcess.javaOptions("platform", Map.of("HELIO_PLATFORM_JAVA_OPTS", " ")))
                .isEmpty();
    }
}
