package io.helio.platform.connect;

import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.protocol.broker.EmbeddedBroker;
import io.moquette.BrokerConstants;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded Moquette broker that devices connect to: EnOS authentication, per-device topic
 * policy, our interceptor for their requests. Telemetry to Moquette's collector is off; sessions
 * are kept in memory.
 */
public class MoquetteDeviceGateway implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MoquetteDeviceGateway.class);

    private final Server broker;
    private final ConnectProperties properties;
    private final PresentedCertificates<MqttConnectPeek.ConnectCredentials> presentedCertificates;
    private final DeviceAuthenticator authenticator;
    private final DeviceMessageInterceptor interceptor;
    private final GatewaySessions gateways;
    private volatile boolean running;
    private volatile int port;
    private volatile int tlsPort;

    MoquetteDeviceGateway(
            Server broker,
            ConnectProperties properties,
            PresentedCertificates<MqttConnectPeek.ConnectCredentials> presentedCertificates,
            DeviceAuthenticator authenticator,
            DeviceMessageInterceptor interceptor,
            GatewaySessions gateways) {
        this.broker = broker;
        this.properties = properties;
        this.presentedCertificates = presentedCertificates;
        this.authenticator = authenticator;
        this.interceptor = interceptor;
        this.gateways = gateways;
    }

    @Override
    public void start() {
        port = properties.port() == 0 ? freePort(properties.host()) : properties.port();
        Properties config = EmbeddedBroker.settings(properties.host(), port, properties.maxPayloadBytes());
        ConnectProperties.Tls tls = properties.tls();
        ISslContextCreator tlsContext = null;
        if (tls != null) {
            tlsPort = tls.port() == 0 ? freePort(properties.host()) : tls.port();
            config.setProperty(BrokerConstants.SSL_PORT_PROPERTY_NAME, Integer.toString(tlsPort));
            DeviceTlsContext context = new DeviceTlsContext(tls, presentedCertificates);
            tlsContext = () -> context;
        }
        try {
            EmbeddedBroker.start(
                    broker,
                    config,
                    List.of(interceptor),
                    tlsContext,
                    authenticator,
                    new DeviceTopicPolicy(broker::disconnectClient, gateways));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the MQTT listener on port " + port, e);
        }
        running = true;
        log.info(
                "MQTT listener for devices on {}:{}{}",
                properties.host(),
                port(),
                tls == null ? "" : ", with TLS on " + tlsPort);
    }

    /** The TLS port, if a TLS listener is configured (a free one chosen at start when configured as 0). */
    public int tlsPort() {
        return tlsPort;
    }

    /** The port devices connect to (a free one chosen at start when configured as 0). */
    public int port() {
        return port;
    }

    /**
     * A port free now. Chosen here rather than asking Moquette for the port it bound: its
     * {@code getPort()} reads a map its binding thread is still writing (seen as a
     * ConcurrentModificationException, or 0, at start-up).
     */
    private static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the MQTT listener on " + host, e);
        }
    }

    @Override
    public void stop() {
        broker.stopServer();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
