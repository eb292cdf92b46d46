package io.helio.platform.connect;

import io.helio.platform.model.certificate.PresentedCertificates;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509TrustManager;

/**
 * The MQTT TLS listener's context: the server certificate from the key store, and client
 * certificates asked for but optional (a product decides whether its devices need one). A client
 * certificate is not judged by a chain of trust here: the handshake proves the device holds its
 * private key, and device authentication accepts it only when it is pinned to that device
 * ({@link PresentedCertificates}). Every engine it makes is a {@link CertificateCapturingEngine}.
 */
final class DeviceTlsContext extends SslContext {

    private final SslContext context;
    private final PresentedCertificates<MqttConnectPeek.ConnectCredentials> presented;

    DeviceTlsContext(ConnectProperties.Tls tls, PresentedCertificates<MqttConnectPeek.ConnectCredentials> presented) {
        this.presented = presented;
        try {
            this.context = SslContextBuilder.forServer(ServerKeys.load(
                            tls.keyStore(),
                            tls.keyStoreType(),
                            tls.keyStorePassword().toCharArray()))
                    .sslProvider(SslProvider.JDK)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(new PinnedLater())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up the MQTT TLS listener", e);
        }
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return new CertificateCapturingEngine(context.newEngine(alloc), presented);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return new CertificateCapturingEngine(context.newEngine(alloc, peerHost, peerPort), presented);
    }

    @Override
    public boolean isClient() {
        return false;
    }

    @Override
    public List<String> cipherSuites() {
        return context.cipherSuites();
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in SslContext, so it must be there
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return context.applicationProtocolNegotiator();
    }

    @Override
    public SSLSessionContext sessionContext() {
        return context.sessionContext();
    }

    /** Accepts any client certificate chain; whether it admits a device is decided at CONNECT. */
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
