package io.helio.platform.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The HTTP door's device sessions, in PostgreSQL so that every platform node knows them (only a
 * SHA-256 of each id is stored). A node remembers the sessions it has looked up for a few seconds,
 * so a device posting often costs no database round trip each time.
 */
class DeviceHttpSessions {

    private static final Logger log = LoggerFactory.getLogger(DeviceHttpSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REMEMBERED = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final TenantScope scope;
    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, DeviceAddress> recent = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED)
            .maximumSize(100_000)
            .build();

    DeviceHttpSessions(DatabaseClient db, TenantScope scope, Clock clock, Duration lifetime) {
        this.db = db;
        this.scope = scope;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new session of the device; its id is shown to the device once. */
    Mono<String> open(TenantId tenant, DeviceAddress device) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return scope.mono(
                        tenant,
                        () -> db.sql("INSERT INTO device_http_sessions"
                                        + " (session_hash, tenant_id, product_key, device_key, expires_at)"
                                        + " VALUES (:hash, :tenant, :product, :device, :expires)")
                                .bind("hash", hash(sessionId))
                                .bind("tenant", tenant.value())
                                .bind("product", device.product().value())
                                .bind("device", device.device().value())
                                .bind("expires", clock.instant().plus(lifetime).atOffset(ZoneOffset.UTC))
                                .then())
                .thenReturn(sessionId);
    }

    /** The device of a session that has not expired; empty otherwise. */
    Mono<DeviceAddress> find(String sessionId) {
        DeviceAddress remembered = recent.getIfPresent(sessionId);
        if (remembered != null) {
            return Mono.just(remembered);
        }
        Instant now = clock.instant();
        return scope.acrossTenants(() -> db.sql("SELECT product_key, device_key FROM device_http_sessions"
                                + " WHERE session_hash = :hash AND expires_at > :now")
                        .bind("hash", hash(sessionId))
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .map(row -> new DeviceAddress(
                                ProductKey.of(row.get("product_key", String.class)),
                                DeviceKey.of(row.get("device_key", String.class))))
                        .one())
                .doOnNext(device -> recent.put(sessionId, device));
    }

    /** Ends the session everywhere (other nodes may still honour it for the few seconds they remember it). */
    Mono<Void> end(String sessionId) {
        recent.invalidate(sessionId);
        return scope.acrossTenants(() -> db.sql("DELETE FROM device_http_sessions WHERE session_hash = :hash")
                .bind("hash", hash(sessionId))
                .then());
    }

    /** Removes expired sessions (an expired one is never found, but its row stays until then); blocks. */
    void purgeExpired() {
        try {
            scope.acrossTenants(() -> db.sql("DELETE FROM device_http_sessions WHERE expires_at <= :now")
                            .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                            .then())
                    .block(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            log.warn("could not remove expired HTTP-door sessions; trying again later", e);
        }
    }

    private static byte[] hash(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
