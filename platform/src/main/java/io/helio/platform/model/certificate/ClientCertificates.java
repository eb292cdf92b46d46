package io.helio.platform.model.certificate;

import io.helio.platform.model.DeviceCredentials;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Whether a device's sign-in satisfies its product's demand for a client certificate, and the TLS
 * context of the doors where it may present one.
 */
public final class ClientCertificates {

    private ClientCertificates() {}

    /**
     * Why the certificate presented at the device's connection (null: none) does not admit it; null
     * when it does, or when its product requires none. One that does is pinned to the device and valid now.
     */
    public static @Nullable String refusal(DeviceCredentials device, @Nullable X509Certificate presented) {
        if (!device.certificateRequired()) {
            return null;
        }
        if (presented == null) {
            return "its product requires a client certificate: connect over TLS presenting one registered for the device";
        }
        if (!device.certificates().contains(Fingerprints.sha256(presented))) {
            return "the client certificate it presented ("
                    + presented.getSubjectX500Principal().getName() + ") is not registered for it";
        }
        try {
            presented.checkValidity();
        } catch (CertificateException e) {
            return "its client certificate is not valid now ("
                    + presented.getNotBefore().toInstant() + " to "
                    + presented.getNotAfter().toInstant() + ")";
        }
        return null;
    }

    /** The client certificate presented in a TLS session, if any. */
    public static @Nullable X509Certificate presentedIn(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate first ? first : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /**
     * The TLS context of a door whose devices (or edges) may sign in with a client certificate: the
     * door's own certificate and key from {@code keys}; client certificates asked for, optional, and
     * let through the handshake whatever their chain — it still proves the client holds the key, and
     * whether the certificate admits a device is decided at its sign-in ({@link #refusal}), by the
     * certificate pinned to the device. The JDK's TLS engine, which the MQTT door wraps.
     */
    public static SslContext serverContext(KeyManagerFactory keys) throws SSLException {
        return SslContextBuilder.forServer(keys)
                .sslProvider(SslProvider.JDK)
                .clientAuth(ClientAuth.OPTIONAL)
                .trustManager(new PinnedLater())
                .build();
    }

    private static final class PinnedLater implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a server's trust manager judges clients only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
