package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.platform.support.MovingClock;
import io.helio.platform.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class VerifiedTokensTest {

    private static final Duration RECHECK = Duration.ofSeconds(60);

    private final TestTokens tokens = TestTokens.generate("k1");
    private final ReactiveJwtDecoder real =
            NimbusReactiveJwtDecoder.withPublicKey(tokens.publicKey()).build();
    private final AtomicInteger verifications = new AtomicInteger();
    private final MovingClock clock = new MovingClock(Instant.now());
    private final VerifiedTokens decoder = new VerifiedTokens(
            token -> {
                verifications.incrementAndGet();
                return real.decode(token);
            },
            RECHECK,
            2,
            clock);

    @Test
    void aTokenIsVerifiedOnceAndThenTakenFromMemoryUntilItIsDueForARecheck() {
        String token = tokens.forTenant("t1", List.of("data:read"));

        Jwt first = decoder.decode(token).block();
        Jwt second = decoder.decode(token).block();

        assertThat(verifications).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(second.getClaimAsString("tenant")).isEqualTo("t1");

        clock.advance(RECHECK);
        decoder.decode(token).block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatExpiresBeforeTheRecheckIsVerifiedAgainOnceExpired() {
        String token = tokens.sign(
                "t1", List.of("data:read"), TestTokens.ISSUER, clock.instant().plusSeconds(10));
        decoder.decode(token).block();

        clock.advance(Duration.ofSeconds(11));
        decoder.decode(token).block(); // within the decoder's own clock skew: still valid there

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsIsNeverRemembered() {
        String forged = TestTokens.generate("k1").forTenant("t1", List.of("data:read"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(JwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void memoryIsBounded() {
        List<String> three = List.of(
                tokens.forTenant("t1", List.of("data:read")),
                tokens.forTenant("t2", List.of("data:read")),
                tokens.forTenant("t3", List.of("data:read")));
        three.forEach(token -> decoder.decode(token).block());

        decoder.decode(three.get(0)).block();

        assertThat(verifications).as("the first was let go when the third came").hasValue(4);
    }
}
