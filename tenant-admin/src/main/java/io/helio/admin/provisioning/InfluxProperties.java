package io.helio.admin.provisioning;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the tenants' InfluxDB (1.x HTTP API) is, and the credentials of an admin user if auth is on. */
@Validated
@ConfigurationProperties("helio.influx")
public record InfluxProperties(
        @NotBlank String url,
        @Nullable String username,
        @Nullable String password) {

    public boolean authenticated() {
        return username != null && !username.isBlank();
    }
}
