package io.helio.platform.edge;

import io.helio.platform.connect.DeviceSignature;
import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ProductType;
import io.helio.platform.model.TopologyService;
import io.helio.platform.model.certificate.ClientCertificates;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.protocol.edge.EdgeAck;
import io.helio.protocol.edge.EdgeFrame;
import io.helio.protocol.edge.EdgeLogin;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Admits edges and stores their telemetry: an edge is its gateway device (a GATEWAY product's,
 * enabled, of a tenant that is not suspended, signing as on MQTT); a frame is stored, as a device's
 * post would be, only for the gateway or its sub-devices, and acknowledged once durable. The highest
 * sequence answered in order is kept (in the database too, a little behind) so that what an edge
 * sends again after a reconnection is acknowledged without being stored twice.
 */
class EdgeTelemetry {

    private static final Logger log = LoggerFactory.getLogger(EdgeTelemetry.class);

    /** Frames of one edge stored at once: enough to fill the group commit's batches. */
    static final int IN_FLIGHT = 2048;

    private static final long PERSIST_EVERY_MILLIS = 500;

    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final TopologyService topology;
    private final MeasurePointIngestor ingestor;
    private final R2dbcEdgeSequences sequences;
    private final EdgeDevices devices;
    private final PresentedCertificates<EdgeLogin> certificates;
    private final Clock clock;

    EdgeTelemetry(
            DeviceDirectory directory,
            TenantStatuses tenants,
            TopologyService topology,
            MeasurePointIngestor ingestor,
            R2dbcEdgeSequences sequences,
            EdgeDevices devices,
            PresentedCertificates<EdgeLogin> certificates,
            Clock clock) {
        this.directory = directory;
        this.tenants = tenants;
        this.topology = topology;
        this.ingestor = ingestor;
        this.sequences = sequences;
        this.devices = devices;
        this.certificates = certificates;
        this.clock = clock;
    }

    /** The edge's session, or an error that refuses its connection. */
    Mono<EdgeSession> admit(EdgeLogin login) {
        ProductKey product;
        DeviceKey device;
        try {
            product = ProductKey.of(login.productKey());
            device = DeviceKey.of(login.deviceKey());
        } catch (IllegalArgumentException malformed) {
            return Mono.error(new EdgeRefusedException("malformed keys"));
        }
        DeviceRef gateway = new DeviceRef(product, device);
        X509Certificate certificate = certificates.take(login);
        return DeviceSignature.signedInSha256(
                        directory, product, device, login.deviceKey(), login.timestamp(), login.sign())
                .switchIfEmpty(Mono.error(() -> new EdgeRefusedException("unknown, disabled or wrongly signed")))
                .flatMap(credentials -> {
                    String refusal = ClientCertificates.refusal(credentials, certificate);
                    return refusal == null ? Mono.just(credentials) : Mono.error(new EdgeRefusedException(refusal));
                })
                .flatMap(credentials -> directory
                        .productModel(product)
                        .filter(found -> found.product().type() == ProductType.GATEWAY)
                        .switchIfEmpty(Mono.error(() -> new EdgeRefusedException("not a gateway")))
                        .then(tenants.isRefused(credentials.tenant()))
                        .flatMap(refused -> refused
                                ? Mono.error(new EdgeRefusedException("the tenant is suspended"))
                                : Mono.zip(
                                        topology.subDevices(credentials.tenant(), gateway)
                                                .collect(Collectors.toSet()),
                                        sequences.last(credentials.tenant(), gateway)))
                        .map(found -> new EdgeSession(credentials.tenant(), gateway, found.getT1(), found.getT2())));
    }

    /**
     * Stores an edge's frames, up to {@link #IN_FLIGHT} at once, and answers each in the frames'
     * order. After a 500 the channel ends, so that nothing after it is answered before it: the edge
     * opens a new channel from that frame. A frame stored but not yet answered when a channel ends is
     * stored again when it comes back (the same point at the same time, which InfluxDB keeps once).
     */
    Flux<EdgeAck> channel(EdgeSession session, Flux<EdgeFrame> frames) {
        return frames.flatMapSequential(frame -> accept(session, frame), IN_FLIGHT)
                .takeUntil(ack -> ack.code() == EdgeAck.NOT_ACCEPTED)
                .concatMap(ack -> ack.code() == EdgeAck.NOT_ACCEPTED
                        ? Mono.just(ack)
                        : answered(session, ack.seq()).thenReturn(ack))
                .doFinally(signal -> persist(session).subscribe());
    }

    /** Notes an in-order answer, and writes the answered sequence at most every {@link #PERSIST_EVERY_MILLIS}. */
    private Mono<Void> answered(EdgeSession session, long seq) {
        session.answered(seq);
        return session.persistDue(clock.millis(), PERSIST_EVERY_MILLIS) ? persist(session) : Mono.empty();
    }

    private Mono<Void> persist(EdgeSession session) {
        long seq = session.lastSeq();
        session.persisted(seq, clock.millis());
        return sequences.stored(session.tenant(), session.gateway(), seq).onErrorResume(failure -> {
            log.warn("answered sequence {} of edge {} not written", seq, session.gateway(), failure);
            return Mono.empty();
        });
    }

    /** Stores a frame (once) and answers it; a frame is never stored without a 200 in answer. */
    private Mono<EdgeAck> accept(EdgeSession session, EdgeFrame frame) {
        if (session.seen(frame.seq())) {
            return Mono.just(new EdgeAck(frame.seq(), EdgeAck.STORED, "already stored"));
        }
        DeviceRef device;
        try {
            device = new DeviceRef(ProductKey.of(frame.productKey()), DeviceKey.of(frame.deviceKey()));
        } catch (IllegalArgumentException malformed) {
            return Mono.just(new EdgeAck(frame.seq(), EdgeAck.INVALID, "malformed keys"));
        }
        return devices.mayActFor(session, device)
                .flatMap(allowed -> allowed
                        ? store(session, device, frame)
                        : Mono.just(new EdgeAck(
                                frame.seq(),
                                EdgeAck.NOT_ITS_DEVICE,
                                device + " is neither the gateway nor its sub-device")));
    }

    private Mono<EdgeAck> store(EdgeSession session, DeviceRef device, EdgeFrame frame) {
        return directory
                .productModel(device.product())
                .flatMap(target -> ingestor.post(
                        target, device.device(), frame.params(), clock.instant(), MeasurePointIngestor.Arrival.NEW))
                .thenReturn(new EdgeAck(frame.seq(), EdgeAck.STORED, ""))
                .onErrorResume(
                        InvalidPayloadException.class,
                        invalid -> Mono.just(new EdgeAck(frame.seq(), EdgeAck.INVALID, invalid.getMessage())))
                .onErrorResume(failure -> {
                    log.atWarn()
                            .addKeyValue("tenant", session.tenant().value())
                            .addKeyValue(
                                    "productKey", session.gateway().product().value())
                            .addKeyValue("deviceKey", session.gateway().device().value())
                            .setCause(failure)
                            .log("frame {} of edge {} not accepted", frame.seq(), session.gateway());
                    return Mono.just(new EdgeAck(frame.seq(), EdgeAck.NOT_ACCEPTED, "not accepted now; send it again"));
                });
    }
}
