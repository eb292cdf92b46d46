package io.helio.platform.edge;

import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.protocol.KeyStores;
import io.netty.handler.ssl.SslContext;
import io.rsocket.core.RSocketServer;
import io.rsocket.transport.ServerTransport;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.transport.netty.server.WebsocketServerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpServer;

/**
 * The edge endpoint's two transports — RSocket over TCP, and over WebSocket for edges whose network
 * lets only HTTP(S) out — with the same routes and SETUP (one message handler) and the same TLS.
 * Client certificates are asked for, optional, and judged at SETUP
 * ({@link EdgeConnectionCertificates}, {@link ClientCertificates}).
 */
class EdgeServers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EdgeServers.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RSocketMessageHandler handler;
    private final EdgeEndpointProperties properties;
    private final EdgeConnectionCertificates certificates;
    private final List<CloseableChannel> channels = new ArrayList<>();
    private volatile boolean running;

    EdgeServers(
            RSocketMessageHandler handler, EdgeEndpointProperties properties, EdgeConnectionCertificates certificates) {
        this.handler = handler;
        this.properties = properties;
        this.certificates = certificates;
    }

    @Override
    public void start() {
        @Nullable SslContext tls = properties.tls().enabled() ? serverContext(properties.tls()) : null;
        TcpServer tcp = TcpServer.create()
                .host(properties.host())
                .port(properties.port())
                .doOnConnection(certificates::connected);
        HttpServer http = HttpServer.create()
                .host(properties.host())
                .port(properties.websocketPort())
                .doOnConnection(certificates::connected);
        if (tls != null) {
            tcp = tcp.secure(spec -> spec.sslContext(tls));
            http = http.secure(spec -> spec.sslContext(tls));
        }
        bind(TcpServerTransport.create(tcp));
        bind(WebsocketServerTransport.create(http));
        running = true;
        log.info(
                "edge endpoint on {} (TCP) and {} (WebSocket){}",
                port(),
                webSocketPort(),
                tls == null ? "" : ", over TLS");
    }

    private void bind(ServerTransport<CloseableChannel> transport) {
        channels.add(RSocketServer.create(handler.responder())
                .interceptors(registry -> registry.forConnection(certificates))
                .bind(transport)
                .block(START_TIMEOUT));
    }

    /** The TCP port (a free one chosen at start when configured as 0). */
    int port() {
        return channels.get(0).address().getPort();
    }

    /** The WebSocket port (a free one chosen at start when configured as 0). */
    int webSocketPort() {
        return channels.get(1).address().getPort();
    }

    private static SslContext serverContext(EdgeEndpointProperties.Tls tls) {
        if (tls.keyStore() == null) {
            throw new IllegalStateException("the edge endpoint's TLS needs a key store (HELIO_EDGE_TLS_KEYSTORE)");
        }
        try {
            return ClientCertificates.serverContext(
                    KeyStores.keys(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword()));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot use the edge endpoint's key store " + tls.keyStore(), e);
        }
    }

    @Override
    public void stop() {
        channels.forEach(CloseableChannel::dispose);
        channels.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
