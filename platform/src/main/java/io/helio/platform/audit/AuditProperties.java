package io.helio.platform.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform ships its audit events to tenant-admin.
 *
 * @param shipEvery how long an event waits in the outbox before it is shipped
 */
@ConfigurationProperties("helio.audit")
public record AuditProperties(@DefaultValue("1s") Duration shipEvery) {}
