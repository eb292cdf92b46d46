package io.helio.platform.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<RSocketRequester, EdgeSession> sessions = new ConcurrentHashMap<>();

    EdgeController(EdgeTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @ConnectMapping
    Mono<Void> connect(@Payload EdgeLogin login, RSocketRequester edge) {
        return telemetry
                .admit(login)
                .doOnNext(session -> {
                    sessions.put(edge, session);
                    edge.rsocketClient()
                            .source()
                            .flatMap(rsocket -> rsocket.onClose())
                            .doFinally(signal -> sessions.remove(edge))
                            .subscribe();
                })
                .then();
    }

    /** Frames in, acknowledgements out, in the frames' order. */
    @MessageMapping("telemetry")
    Flux<EdgeAck> telemetry(Flux<EdgeFrame> frames, RSocketRequester edge) {
        EdgeSession session = sessions.get(edge);
        if (session == null) {
            return Flux.error(new EdgeRefusedException("the connection was not admitted"));
        }
        return frames.concatMap(frame -> telemetry.accept(session, frame));
    }
}
