package io.helio.platform.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the platform reports tenants' usage to tenant-admin; rates are averages over this period.
 */
@ConfigurationProperties("helio.usage")
public record UsageProperties(@DefaultValue("5s") Duration reportEvery) {}
