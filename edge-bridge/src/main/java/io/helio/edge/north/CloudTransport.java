package io.helio.edge.north;

import io.helio.edge.EdgeProperties;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

/** How the edge reaches the platform's edge endpoint: TCP or WebSocket, in plain text or over TLS. */
final class CloudTransport {

    private CloudTransport() {}

    static ClientTransport of(EdgeProperties.Cloud cloud) {
        @Nullable SslContext tls = cloud.tls().enabled() ? clientContext(cloud.tls()) : null;
        if (cloud.transport() == EdgeProperties.Transport.TCP) {
            TcpClient client = TcpClient.create().host(cloud.host()).port(cloud.port());
            return TcpClientTransport.create(tls == null ? client : client.secure(spec -> spec.sslContext(tls)));
        }
        HttpClient client = HttpClient.create().host(cloud.host()).port(cloud.port());
        return WebsocketClientTransport.create(tls == null ? client : client.secure(spec -> spec.sslContext(tls)), "/");
    }

    private static SslContext clientContext(EdgeProperties.Tls tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (tls.trustStore() != null) {
                builder.trustManager(trust(tls.trustStore(), tls.trustStorePassword(), tls.trustStoreType()));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to the cloud", e);
        }
    }

    private static TrustManagerFactory trust(Path file, String password, String type) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore trusted = KeyStore.getInstance(type);
            trusted.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return trust;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the trust store " + file, e);
        }
    }
}
