package io.helio.platform.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the bearer tokens it has verified. An application sends the same token with every call
 * until it expires, and checking its RSA signature and claims again each time was a tenth of what
 * a cheap call (latest values) cost the platform. A token is taken from memory only before it
 * expires and for at most {@code recheckAfter} after it was verified, so a key withdrawn from the
 * key set stops working within that time; a token that failed is never remembered. Tenant status
 * is not part of this: {@link TenantGateFilter} checks it on every request.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private record Verified(Jwt jwt, Instant until) {}

    private final ReactiveJwtDecoder verifier;
    private final Duration recheckAfter;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(ReactiveJwtDecoder verifier, Duration recheckAfter, int capacity, Clock clock) {
        this.verifier = verifier;
        this.recheckAfter = recheckAfter;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.until())) {
            return Mono.just(known.jwt());
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, now));
    }

    private void remember(String token, Jwt jwt, Instant now) {
        Instant until = now.plus(recheckAfter);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (verified.size() >= capacity) {
            verified.clear(); // crude but bounded: the tokens in use are verified again once
        }
        verified.put(token, new Verified(jwt, until));
    }
}
