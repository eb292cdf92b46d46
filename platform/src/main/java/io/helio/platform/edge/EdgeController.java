package io.helio.platform.edge;

import io.helio.platform.connect.DeviceCommandListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The edge endpoint's routes: SETUP admits an edge; {@code telemetry} is its request-channel. */
@Controller
class EdgeController {

    private final EdgeTelemetry telemetry;
    private final EdgeSessions sessions;
    private final ObjectProvider<DeviceCommandListener> commandListeners;

    EdgeController(
            EdgeTelemetry telemetry, EdgeSessions sessions, ObjectProvider<DeviceCommandListener> commandListeners) {
        this.telemetry = telemetry;
        this.sessions = sessions;
        this.commandListeners = commandListeners;
    }

    /** Admits the edge; the commands that waited for its devices then go to it. */
    @ConnectMapping
    Mono<Void> connect(@Payload EdgeLogin login, RSocketRequester edge) {
        return telemetry
                .admit(login)
                .doOnNext(session -> {
                    sessions.opened(edge, session);
                    edge.rsocketClient()
                            .source()
                            .flatMap(rsocket -> rsocket.onClose())
                            .doFinally(signal -> sessions.closed(edge))
                            .subscribe();
                    session.devices()
                            .forEach(device -> commandListeners.forEach(
                                    listener -> listener.connected(device.product(), device.device())));
                })
                .then();
    }

    /** Frames in, acknowledgements out, in the frames' order. */
    @MessageMapping("telemetry")
    Flux<EdgeAck> telemetry(Flux<EdgeFrame> frames, RSocketRequester edge) {
        return sessions.of(edge)
                .map(session -> frames.concatMap(frame -> telemetry.accept(session, frame)))
                .orElseGet(() -> Flux.error(new EdgeRefusedException("the connection was not admitted")));
    }
}
