package io.helio.platform.connect;

import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.protocol.KeyStores;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;

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
            this.context = ClientCertificates.serverContext(
                    KeyStores.keys(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword()));
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
}
