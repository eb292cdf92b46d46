package io.helio.edge.north;

import io.helio.edge.EdgeProperties;
import io.helio.protocol.KeyStores;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import javax.net.ssl.SSLException;
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
                builder.trustManager(KeyStores.trust(tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword()));
            }
            if (tls.keyStore() != null) {
                builder.keyManager(KeyStores.keys(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword()));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS to the cloud", e);
        }
    }
}
