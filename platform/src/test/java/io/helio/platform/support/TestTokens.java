package io.helio.platform.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Mints access tokens as tenant-admin would: RS256, issuer, {@code tenant} claim and scopes. The
 * public key is what WireMock serves as the issuer's JWKS.
 */
public final class TestTokens {

    public static final String ISSUER = "http://tenant-admin.test";
    public static final String AUDIENCE = "helio-platform";
    public static final List<String> ALL_SCOPES =
            List.of("model:read", "model:write", "data:read", "data:write", "control", "rules");

    private final RSAKey key;

    private TestTokens(RSAKey key) {
        this.key = key;
    }

    public static TestTokens generate(String keyId) {
        try {
            return new TestTokens(new RSAKeyGenerator(2048).keyID(keyId).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key, for a decoder that verifies against it directly. */
    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String forTenant(String tenant, List<String> scopes) {
        return sign(tenant, scopes, ISSUER, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String sign(@Nullable String tenant, List<String> scopes, String issuer, Instant expiresAt) {
        return sign(tenant, scopes, issuer, expiresAt, AUDIENCE);
    }

    public String sign(
            @Nullable String tenant, List<String> scopes, String issuer, Instant expiresAt, String audience) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(audience, "helio-admin"))
                .subject("app-test")
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .claim("scope", scopes);
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
