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
 */
@Validated
@ConfigurationProperties("helio.rules")
public record RulesProperties(
        @DefaultValue("1s") Duration webhookPollEvery,
        @DefaultValue("5s") Duration webhookTimeout,
        @DefaultValue("2s") Duration webhookBackoff,
        @DefaultValue("8") @Min(1) int webhookAttempts) {}
