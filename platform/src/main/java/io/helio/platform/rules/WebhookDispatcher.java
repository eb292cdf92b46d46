package io.helio.platform.rules;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * POSTs due webhook deliveries, signed with HMAC-SHA256 of the body under the rule's secret. A
 * delivery that fails is tried again after a back-off that doubles each time, and after the last
 * attempt it is dead-lettered; every attempt's outcome is recorded. Runs on a thread of its own.
 */
class WebhookDispatcher {

    static final String SIGNATURE_HEADER = "X-Helio-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    private static final int IN_FLIGHT = 8;

    private final R2dbcWebhookDeliveries deliveries;
    private final WebClient http;
    private final RulesProperties properties;
    private final Clock clock;

    WebhookDispatcher(R2dbcWebhookDeliveries deliveries, WebClient http, RulesProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends what is due now; blocks until those attempts are recorded. */
    void dispatchDue() {
        try {
            Instant now = clock.instant();
            Duration lease = properties.webhookTimeout().multipliedBy(3);
            deliveries
                    .claimDue(now, now.plus(lease), BATCH)
                    .flatMapMany(Flux::fromIterable)
                    .flatMap(this::attempt, IN_FLIGHT)
                    .then()
                    .block(lease.multipliedBy(BATCH));
        } catch (RuntimeException e) {
            log.warn("webhook deliveries could not be dispatched; trying again at the next poll", e);
        }
    }

    private Mono<Void> attempt(R2dbcWebhookDeliveries.Claimed delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        return http.post()
                .uri(delivery.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(SIGNATURE_HEADER, "sha256=" + sign(body, delivery.secret()))
                .header("X-Helio-Delivery", delivery.deliveryId().toString())
                .header("X-Helio-Event", delivery.event())
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(properties.webhookTimeout())
                .flatMap(answer ->
                        recorded(delivery, true, answer.getStatusCode().value(), null))
                .onErrorResume(failure -> recorded(delivery, false, statusOf(failure), describe(failure)));
    }

    private Mono<Void> recorded(
            R2dbcWebhookDeliveries.Claimed delivery,
            boolean delivered,
            @Nullable Integer code,
            @Nullable String error) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        Instant next = delivered || attempts >= properties.webhookAttempts()
                ? null
                : now.plus(properties.webhookBackoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
        if (!delivered && next == null) {
            log.warn(
                    "webhook delivery {} to {} is dead after {} attempts: {}",
                    delivery.deliveryId(),
                    delivery.url(),
                    attempts,
                    error);
        }
        return deliveries.attempted(delivery, delivered, code, error, now, next);
    }

    private static @Nullable Integer statusOf(Throwable failure) {
        return failure instanceof WebClientResponseException response
                ? response.getStatusCode().value()
                : null;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return "answered " + response.getStatusCode().value();
        }
        return failure instanceof java.util.concurrent.TimeoutException
                ? "no answer in time"
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
