package io.helio.platform.edge;

import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.WebsocketServerTransport;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;

/**
 * The edge endpoint over WebSocket, beside TCP, for edges whose network lets only HTTP(S) out: the
 * same routes and SETUP, served by the same message handler.
 */
class EdgeWebSocketServer implements SmartLifecycle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RSocketMessageHandler handler;
    private final String host;
    private final int port;
    private volatile @Nullable CloseableChannel channel;

    EdgeWebSocketServer(RSocketMessageHandler handler, String host, int port) {
        this.handler = handler;
        this.host = host;
        this.port = port;
    }

    @Override
    public void start() {
        channel = RSocketServer.create(handler.responder())
                .bind(WebsocketServerTransport.create(host, port))
                .block(START_TIMEOUT);
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
