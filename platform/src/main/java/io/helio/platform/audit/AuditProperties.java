package io.helio.platform.audit;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform ships its audit events to tenant-admin.
 *
 * @param shipEvery how long an event waits before it is shipped
 * @param capacity how many events wait at most while tenant-admin cannot be reached; beyond it new
 *     events are counted and logged as lost
 */
@Validated
@ConfigurationProperties("helio.audit")
public record AuditProperties(
        @DefaultValue("1s") Duration shipEvery,
        @DefaultValue("100000") @Positive int capacity) {}
