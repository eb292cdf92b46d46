package io.helio.edge.north;

import io.helio.edge.DeviceKeys;
import io.helio.edge.EdgeProperties;
import io.helio.edge.buffer.FrameBuffer;
import io.helio.edge.south.SiteDevices;
import io.helio.edge.south.Upstream;
import io.helio.protocol.edge.EdgeAck;
import io.helio.protocol.edge.EdgeFrame;
import io.helio.protocol.edge.EdgeLogin;
import io.helio.protocol.edge.EdgePresence;
import io.helio.protocol.edge.EdgeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connection to the cloud, kept up by one thread: connect as the gateway, bring the topology in
 * line, then send the buffer up a telemetry channel until the channel or the connection ends; then
 * wait (doubling from {@code reconnectMin} up to {@code reconnectMax}, from the minimum again after
 * a connection that lasted) and start over. The cloud's commands are answered on the same connection;
 * which site devices are connected is reported on it (all of them again after each reconnection).
 */
public final class CloudLink implements SmartLifecycle, Upstream {

    private static final Logger log = LoggerFactory.getLogger(CloudLink.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LASTING = Duration.ofSeconds(10);

    private final EdgeProperties properties;
    private final RSocketRequester.Builder requesters;
    private final RSocketMessageHandler responder;
    private final FrameBuffer buffer;
    private final TopologySync topology;
    private final SiteDevices devices;
    private final JsonMapper json;
    private final Clock clock;
    private final Scheduler reader = Schedulers.newSingle("edge-outbox");
    private volatile @Nullable RSocketRequester current;
    private volatile boolean running;
    private @Nullable Thread thread;

    public CloudLink(
            EdgeProperties properties,
            RSocketRequester.Builder requesters,
            RSocketMessageHandler responder,
            FrameBuffer buffer,
            TopologySync topology,
            SiteDevices devices,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.requesters = requesters;
        this.responder = responder;
        this.buffer = buffer;
        this.topology = topology;
        this.devices = devices;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "edge-cloud-link");
        thread.start();
    }

    /** Ends the link: its thread stops waiting and closes the connection on its way out. */
    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.dispose();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Mono<JsonNode> forward(String topic, JsonNode request) {
        RSocketRequester connection = current;
        if (connection == null) {
            return Mono.error(new IllegalStateException("not connected to the cloud"));
        }
        return connection
                .route("request")
                .data(new EdgeRequest(topic, request))
                .retrieveMono(JsonNode.class)
                .timeout(REQUEST_TIMEOUT);
    }

    @Override
    public void presence(DeviceKeys device, boolean online) {
        RSocketRequester connection = current;
        if (connection != null) {
            connection
                    .route("presence")
                    .data(new EdgePresence(device.productKey(), device.deviceKey(), online))
                    .send()
                    .subscribe(null, failure -> log.debug("presence of {} not sent", device, failure));
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            long began = clock.millis();
            try {
                connectAndSend();
            } catch (RuntimeException lost) {
                if (running) {
                    log.warn(
                            "link to the cloud at {}:{} ended: {}",
                            cloud().host(),
                            cloud().port(),
                            Exceptions.unwrap(lost).toString());
                }
            }
            failures = clock.millis() - began >= LASTING.toMillis() ? 0 : failures + 1;
            if (running) {
                pause(backoff(failures));
            }
        }
    }

    private void connectAndSend() {
        RSocketRequester connection = requesters
                .setupData(login())
                .rsocketConnector(connector -> connector
                        .acceptor(responder.responder())
                        .keepAlive(Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .transport(CloudTransport.of(cloud()));
        // when this fails there is no connection to close (closing the client then only logs a dropped error)
        connection.rsocketClient().source().block(CONNECT_TIMEOUT);
        Outbox outbox = new Outbox(buffer, json, reader);
        try {
            topology.sync(connection);
            current = connection;
            devices.connectedDevices().forEach(device -> presence(device, true));
            log.info(
                    "connected to the cloud at {}:{}; {} messages to send",
                    cloud().host(),
                    cloud().port(),
                    buffer.size());
            connection
                    .route("telemetry")
                    .data(outbox.frames(), EdgeFrame.class)
                    .retrieveFlux(EdgeAck.class)
                    .doOnNext(outbox::acknowledged)
                    .blockLast();
        } finally {
            current = null;
            outbox.flush();
            connection.dispose();
        }
    }

    /** SETUP as the gateway device, signed with its secret as an EnOS device signs its CONNECT. */
    private EdgeLogin login() {
        EdgeProperties.Device gateway = properties.gateway();
        String timestamp = Long.toString(clock.millis());
        return new EdgeLogin(gateway.productKey(), gateway.deviceKey(), timestamp, gateway.sign(timestamp));
    }

    private Duration backoff(int failures) {
        long millis = cloud().reconnectMin().toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(millis, cloud().reconnectMax().toMillis()));
    }

    private EdgeProperties.Cloud cloud() {
        return properties.cloud();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
