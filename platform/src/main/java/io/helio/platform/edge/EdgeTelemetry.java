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
import io.helio.platform.tenancy.TenantStatuses;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Admits edges and stores their telemetry: an edge is its gateway device (a GATEWAY product's,
 * enabled, of a tenant that is not suspended, signing as on MQTT); a frame is stored, as a device's
 * post would be, only for the gateway or its sub-devices, and acknowledged once durable.
 */
class EdgeTelemetry {

    private static final Logger log = LoggerFactory.getLogger(EdgeTelemetry.class);

    private final DeviceDirectory directory;
    private final TenantStatuses tenants;
    private final TopologyService topology;
    private final MeasurePointIngestor ingestor;
    private final R2dbcEdgeSequences sequences;
    private final Clock clock;

    EdgeTelemetry(
            DeviceDirectory directory,
            TenantStatuses tenants,
            TopologyService topology,
            MeasurePointIngestor ingestor,
            R2dbcEdgeSequences sequences,
            Clock clock) {
        this.directory = directory;
        this.tenants = tenants;
        this.topology = topology;
        this.ingestor = ingestor;
        this.sequences = sequences;
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
        return DeviceSignature.signedInSha256(
                        directory, product, device, login.deviceKey(), login.timestamp(), login.sign())
                .switchIfEmpty(Mono.error(() -> new EdgeRefusedException("unknown, disabled or wrongly signed")))
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

    /** Stores a frame (once) and answers it; a frame is never stored without a 200 in answer. */
    Mono<EdgeAck> accept(EdgeSession session, EdgeFrame frame) {
        if (session.seen(frame.seq())) {
            return Mono.just(new EdgeAck(frame.seq(), EdgeAck.STORED, "already stored"));
        }
        DeviceRef device;
        try {
            device = new DeviceRef(ProductKey.of(frame.productKey()), DeviceKey.of(frame.deviceKey()));
        } catch (IllegalArgumentException malformed) {
            return Mono.just(new EdgeAck(frame.seq(), EdgeAck.INVALID, "malformed keys"));
        }
        return mayActFor(session, device)
                .flatMap(allowed -> allowed
                        ? store(session, device, frame)
                        : Mono.just(new EdgeAck(
                                frame.seq(),
                                EdgeAck.NOT_ITS_DEVICE,
                                device + " is neither the gateway nor its sub-device")));
    }

    private Mono<Boolean> mayActFor(EdgeSession session, DeviceRef device) {
        if (session.mayActFor(device)) {
            return Mono.just(true);
        }
        // a sub-device added since the connection
        return topology.subDevices(session.tenant(), session.gateway())
                .collect(Collectors.toSet())
                .doOnNext(session::subDevices)
                .map(current -> session.mayActFor(device));
    }

    private Mono<EdgeAck> store(EdgeSession session, DeviceRef device, EdgeFrame frame) {
        return directory
                .productModel(device.product())
                .flatMap(target -> ingestor.post(
                        target, device.device(), frame.params(), clock.instant(), MeasurePointIngestor.Arrival.NEW))
                .then(sequences.stored(session.tenant(), session.gateway(), frame.seq()))
                .then(Mono.fromCallable(() -> {
                    session.stored(frame.seq());
                    return new EdgeAck(frame.seq(), EdgeAck.STORED, "");
                }))
                .onErrorResume(
                        InvalidPayloadException.class,
                        invalid -> Mono.just(new EdgeAck(frame.seq(), EdgeAck.INVALID, invalid.getMessage())))
                .onErrorResume(failure -> {
                    log.warn("frame {} of edge {} not accepted", frame.seq(), session.gateway(), failure);
                    return Mono.just(new EdgeAck(frame.seq(), EdgeAck.NOT_ACCEPTED, "not accepted now; send it again"));
                });
    }
}
