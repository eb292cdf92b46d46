package io.helio.platform.model.certificate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The client certificates presented at TLS connections, each filed under the sign-in that followed
 * on the same connection (an MQTT CONNECT's credentials, an edge's SETUP), until the authentication
 * of that sign-in takes it. The authentication sees only the sign-in, not the connection; a sign-in
 * (a timestamp, and a signature over it) is what ties the two together. An entry no sign-in took is
 * forgotten after {@link #UNCLAIMED_FOR}.
 *
 * @param <K> the sign-in, compared by value
 */
public final class PresentedCertificates<K> {

    static final Duration UNCLAIMED_FOR = Duration.ofSeconds(30);

    private final Cache<K, X509Certificate> presented = Caffeine.newBuilder()
            .expireAfterWrite(UNCLAIMED_FOR)
            .maximumSize(100_000)
            .build();

    public void presented(K signIn, X509Certificate certificate) {
        presented.put(signIn, certificate);
    }

    /** The certificate presented at the connection of exactly this sign-in, once; null when none was. */
    public @Nullable X509Certificate take(K signIn) {
        return presented.asMap().remove(signIn);
    }
}
