package io.helio.platform.edge;

import io.helio.platform.connect.ServerKeys;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.WebsocketServerTransport;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import reactor.netty.http.server.HttpServer;

/**
 * The edge endpoint over WebSocket, beside TCP, for edges whose network lets only HTTP(S) out: the
 * same routes and SETUP, served by the same message handler, with the TCP transport's TLS settings.
 */
class EdgeWebSocketServer implements SmartLifecycle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RSocketMessageHandler handler;
    private final String host;
    private final int port;
    private final @Nullable Ssl tls;
    private volatile @Nullable CloseableChannel channel;

    EdgeWebSocketServer(RSocketMessageHandler handler, String host, int port, @Nullable Ssl tls) {
        this.handler = handler;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public void start() {
        HttpServer server = HttpServer.create().host(host).port(port);
        if (Ssl.isEnabled(tls)) {
            SslContext context = serverContext(tls);
            server = server.secure(spec -> spec.sslContext(context));
        }
        channel = RSocketServer.create(handler.responder())
                .bind(WebsocketServerTransport.create(server))
                .block(START_TIMEOUT);
    }

    private static SslContext serverContext(Ssl tls) {
        char[] password = tls.getKeyStorePassword() == null
                ? new char[0]
                : tls.getKeyStorePassword().toCharArray();
        KeyManagerFactory managers = ServerKeys.load(
                Path.of(tls.getKeyStore()), tls.getKeyStoreType() == null ? "PKCS12" : tls.getKeyStoreType(), password);
        try {
            return SslContextBuilder.forServer(managers).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot use the edge endpoint's key store " + tls.getKeyStore(), e);
        }
    }

    @Override
    public void stop() {
        CloseableChannel current = channel;
        if (current != null) {
            current.dispose();
            channel = null;
        }
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }
}
