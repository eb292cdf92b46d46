package io.helio.platform.edge;

import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.protocol.edge.EdgeLogin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.ssl.SslHandler;
import io.rsocket.DuplexConnection;
import io.rsocket.RSocketErrorException;
import io.rsocket.frame.FrameHeaderCodec;
import io.rsocket.frame.FrameType;
import io.rsocket.frame.SetupFrameCodec;
import io.rsocket.plugins.DuplexConnectionInterceptor;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Ties the client certificate an edge presented in its TLS handshake to the SETUP it sent on that
 * connection: the certificate is noted per connection ({@link #connected}), and when the
 * connection's first frame — its SETUP — arrives, it is filed under the SETUP's login in
 * {@link PresentedCertificates}, where {@link EdgeTelemetry#admit} takes it. Spring's SETUP handler
 * sees the login only, never the connection.
 */
final class EdgeConnectionCertificates implements DuplexConnectionInterceptor {

    private static final ResolvableType LOGIN = ResolvableType.forClass(EdgeLogin.class);

    private final PresentedCertificates<EdgeLogin> presented;
    private final RSocketStrategies strategies;
    private final Map<SocketAddress, X509Certificate> byConnection = new ConcurrentHashMap<>();

    EdgeConnectionCertificates(PresentedCertificates<EdgeLogin> presented, RSocketStrategies strategies) {
        this.presented = presented;
        this.strategies = strategies;
    }

    /** For each new TCP connection of either transport: notes its client certificate once its handshake is done. */
    void connected(Connection connection) {
        SslHandler tls = connection.channel().pipeline().get(SslHandler.class);
        SocketAddress peer = connection.channel().remoteAddress();
        if (tls == null || peer == null) {
            return;
        }
        tls.handshakeFuture().addListener(handshake -> {
            X509Certificate certificate = handshake.isSuccess()
                    ? ClientCertificates.presentedIn(tls.engine().getSession())
                    : null;
            if (certificate != null) {
                byConnection.put(peer, certificate);
            }
        });
        connection.onDispose(() -> byConnection.remove(peer));
    }

    @Override
    public DuplexConnection apply(Type type, DuplexConnection connection) {
        return type == Type.SOURCE ? new SetupWatching(connection) : connection;
    }

    private void setupReceived(DuplexConnection connection, ByteBuf frame) {
        if (FrameHeaderCodec.frameType(frame) != FrameType.SETUP) {
            return;
        }
        X509Certificate certificate = byConnection.get(connection.remoteAddress());
        if (certificate == null) {
            return;
        }
        // decoded as the SETUP handler decodes it: with the data MIME type the edge declared
        MimeType mimeType = MimeTypeUtils.parseMimeType(SetupFrameCodec.dataMimeType(frame));
        try {
            EdgeLogin login = (EdgeLogin) strategies
                    .decoder(LOGIN, mimeType)
                    .decode(
                            DefaultDataBufferFactory.sharedInstance.wrap(
                                    ByteBufUtil.getBytes(SetupFrameCodec.data(frame))),
                            LOGIN,
                            mimeType,
                            Map.of());
            if (login != null) {
                presented.presented(login, certificate);
            }
        } catch (RuntimeException notALogin) {
            // the SETUP handler refuses it, certificate or not
        }
    }

    /** A connection whose first frame is looked at as it passes. */
    private final class SetupWatching implements DuplexConnection {

        private final DuplexConnection connection;
        private boolean firstFrame = true;

        SetupWatching(DuplexConnection connection) {
            this.connection = connection;
        }

        @Override
        public Flux<ByteBuf> receive() {
            return connection.receive().doOnNext(frame -> {
                if (firstFrame) {
                    firstFrame = false;
                    setupReceived(connection, frame);
                }
            });
        }

        @Override
        public void sendFrame(int streamId, ByteBuf frame) {
            connection.sendFrame(streamId, frame);
        }

        @Override
        public void sendErrorAndClose(RSocketErrorException error) {
            connection.sendErrorAndClose(error);
        }

        @Override
        public ByteBufAllocator alloc() {
            return connection.alloc();
        }

        @Override
        public SocketAddress remoteAddress() {
            return connection.remoteAddress();
        }

        @Override
        public Mono<Void> onClose() {
            return connection.onClose();
        }

        @Override
        public void dispose() {
            connection.dispose();
        }

        @Override
        public boolean isDisposed() {
            return connection.isDisposed();
        }
    }
}
