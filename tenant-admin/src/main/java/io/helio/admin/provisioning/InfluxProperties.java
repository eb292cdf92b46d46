package io.helio.admin.provisioning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the tenants' InfluxDB (1.x HTTP API) is, the credentials of an admin user if auth is on, and
 * how long the 1-minute and 1-hour rollups are kept (days; 0 keeps them for ever).
 */
@Validated
@ConfigurationProperties("helio.influx")
public record InfluxProperties(
        @NotBlank String url,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("730") @PositiveOrZero int minuteRollupDays,
        @DefaultValue("0") @PositiveOrZero int hourRollupDays) {

    public boolean authenticated() {
        return username != null && !username.isBlank();
    }
}
