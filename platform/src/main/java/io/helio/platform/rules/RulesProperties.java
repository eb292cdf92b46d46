package io.helio.platform.rules;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param webhookPollEvery how often due webhook deliveries are looked for
 * @param webhookTimeout how long a webhook may take to answer before the attempt counts as failed
 * @param webhookBackoff the wait before the second attempt; it doubles for each one after
 * @param webhookAttempts how many attempts a delivery gets before it is dead-lettered
 * @param silenceCheckEvery how often rules on silence (no data, offline) are judged
 * @param windowGrace how long a tumbling window waits, once over, for late values before it is judged
 * @param dataArrivalResolution how precisely the time of a device's last new values is kept for
 *     rules on no data (at most one database write per device this often)
 */
@Validated
@ConfigurationProperties("helio.rules")
public record RulesProperties(
        @DefaultValue("1s") Duration webhookPollEvery,
        @DefaultValue("5s") Duration webhookTimeout,
        @DefaultValue("2s") Duration webhookBackoff,
        @DefaultValue("8") @Min(1) int webhookAttempts,
        @DefaultValue("10s") Duration silenceCheckEvery,
        @DefaultValue("5s") Duration windowGrace,
        @DefaultValue("30s") Duration dataArrivalResolution) {}
