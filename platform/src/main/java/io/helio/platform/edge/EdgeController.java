package io.helio.platform.edge;

import io.helio.protocol.edge.EdgeAck;
import io.helio.protocol.edge.EdgeFrame;
import io.helio.protocol.edge.EdgeLogin;
import io.helio.protocol.edge.EdgePresence;
import io.helio.protocol.edge.EdgeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The edge endpoint's routes: SETUP admits an edge; {@code telemetry} is its request-channel;
 * {@code request} serves its devices' other requests; {@code presence} tells which are connected to it.
 */
@Controller
class EdgeController {

    private static final Logger log = LoggerFactory.getLogger(EdgeController.class);

    private final EdgeTelemetry telemetry;
    private final EdgeSessions sessions;
    private final EdgeRequests requests;
    private final EdgePresences presences;
    private final EdgeDevices devices;

    EdgeController(
            EdgeTelemetry telemetry,
            EdgeSessions sessions,
            EdgeRequests requests,
            EdgePresences presences,
            EdgeDevices devices) {
        this.telemetry = telemetry;
        this.sessions = sessions;
        this.requests = requests;
        this.presences = presences;
        this.devices = devices;
    }

    /** Admits the edge; the commands that waited for its devices then go to it. */
    @ConnectMapping
    Mono<Void> connect(@Payload EdgeLogin login, RSocketRequester edge) {
        return telemetry
                .admit(login)
                .doOnNext(session -> {
                    sessions.opened(edge, session);
                    presences.admitted(session);
                    edge.rsocketClient()
                            .source()
                            .flatMap(rsocket -> rsocket.onClose())
                            .doFinally(signal -> {
                                sessions.closed(edge);
                                presences.closed(session);
                            })
                            .subscribe(
                                    null,
                                    broken -> log.debug(
                                            "edge {} disconnected: {}", session.gateway(), broken.toString()));
                    devices.announce(session);
                })
                .then();
    }

    /** Frames in, acknowledgements out, in the frames' order. */
    @MessageMapping("telemetry")
    Flux<EdgeAck> telemetry(Flux<EdgeFrame> frames, RSocketRequester edge) {
        return sessions.of(edge)
                .map(session -> telemetry.channel(session, frames))
                .orElseGet(() -> Flux.error(notAdmitted()));
    }

    /** A device request other than telemetry, forwarded for the gateway or a sub-device: its reply. */
    @MessageMapping("request")
    Mono<JsonNode> request(EdgeRequest request, RSocketRequester edge) {
        return sessions.of(edge)
                .map(session -> requests.serve(session, request))
                .orElseGet(() -> Mono.error(notAdmitted()));
    }

    /** A site device connected to the edge or left it. */
    @MessageMapping("presence")
    Mono<Void> presence(EdgePresence presence, RSocketRequester edge) {
        return sessions.of(edge)
                .map(session -> presences.reported(session, presence))
                .orElseGet(() -> Mono.error(notAdmitted()));
    }

    private static EdgeRefusedException notAdmitted() {
        return new EdgeRefusedException("the connection was not admitted");
    }
}
