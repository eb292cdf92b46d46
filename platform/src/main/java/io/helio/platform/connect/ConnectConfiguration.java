package io.helio.platform.connect;

import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.DeviceSessions;
import io.helio.platform.model.GatewayConnections;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.model.TopologyService;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.tenancy.TenancyProperties;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.platform.usage.UsageMeter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.moquette.broker.Server;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the device door: broker, authentication, topic policy, request dispatch and replies. */
@Configuration(proxyBeanMethods = false)
public class ConnectConfiguration {

    @Bean
    Server mqttBroker() {
        return new Server();
    }

    @Bean
    DevicePublisher devicePublisher(Server mqttBroker, JsonMapper json) {
        return new DevicePublisher(mqttBroker, json);
    }

    @Bean
    DeviceCommands deviceCommands(
            DevicePublisher devicePublisher, ConnectedDevices connectedDevices, GatewaySessions gatewaySessions) {
        return new DeviceCommands(devicePublisher, connectedDevices, gatewaySessions);
    }

    @Bean
    ConnectedDevices connectedDevices(MeterRegistry registry) {
        ConnectedDevices devices = new ConnectedDevices();
        Gauge.builder("helio.devices.connected", devices, ConnectedDevices::count)
                .description("devices with a session on this node's broker")
                .register(registry);
        return devices;
    }

    @Bean
    SuspendedTenantSweeper suspendedTenantSweeper(
            ConnectedDevices connectedDevices,
            DeviceDirectory directory,
            TenantStatuses tenantStatuses,
            Server mqttBroker,
            TenancyProperties tenancy) {
        return new SuspendedTenantSweeper(
                connectedDevices, directory, tenantStatuses, mqttBroker, tenancy.sweepInterval());
    }

    /** HTTP-door sessions last half an hour; expired rows are removed every ten minutes. */
    @Bean
    DeviceHttpSessions deviceHttpSessions(DatabaseClient db, TenantScope scope, Clock clock) {
        return new DeviceHttpSessions(db, scope, clock, Duration.ofMinutes(30));
    }

    @Bean
    PeriodicTask deviceHttpSessionPurge(DeviceHttpSessions sessions) {
        return new PeriodicTask("http-session-purge", Duration.ofMinutes(10), sessions::purgeExpired, false);
    }

    @Bean(destroyMethod = "close")
    DeviceLanes deviceLanes() {
        return new DeviceLanes(Runtime.getRuntime().availableProcessors());
    }

    @Bean
    GatewaySessions gatewaySessions() {
        return new GatewaySessions();
    }

    @Bean
    ConnectionRecorder connectionRecorder(R2dbcDeviceRepository devices, UsageMeter usage, Clock clock) {
        return new ConnectionRecorder(devices, usage, clock);
    }

    @Bean
    DeviceSessions deviceSessions(
            Server mqttBroker,
            DevicePublisher devicePublisher,
            ConnectedDevices connectedDevices,
            GatewaySessions gatewaySessions,
            ConnectionRecorder connectionRecorder,
            ObjectProvider<GatewayConnections> gatewayConnections) {
        return new MqttDeviceSessions(
                mqttBroker,
                devicePublisher,
                connectedDevices,
                gatewaySessions,
                connectionRecorder,
                gatewayConnections.orderedStream().toList());
    }

    /** Serves device requests, from MQTT and from the HTTP door alike. */
    @Bean
    DeviceRequestDispatcher deviceRequestDispatcher(
            ConnectProperties properties,
            DeviceDirectory directory,
            MeasurePointIngestor measurePoints,
            DeviceService deviceService,
            TopologyService topology,
            DevicePublisher devicePublisher,
            GatewaySessions gatewaySessions,
            ConnectionRecorder connectionRecorder,
            UsageMeter usage,
            DeviceRateLimits deviceRateLimits,
            DeviceLanes deviceLanes,
            JsonMapper json,
            MeterRegistry registry) {
        var subDevices = new SubDeviceCheck(directory);
        return new DeviceRequestDispatcher(
                directory,
                List.of(
                        new MeasurePointRequests(directory, measurePoints, json),
                        new MeasurePointBatchRequests(directory, topology, gatewaySessions, measurePoints, json),
                        new EventRequests(directory, measurePoints, json),
                        new AttributeAndTagRequests(deviceService, json),
                        new TopologyRequests(topology, subDevices, json),
                        new SubDeviceLogins(topology, subDevices, gatewaySessions, connectionRecorder, json)),
                devicePublisher,
                deviceRateLimits,
                usage,
                json,
                properties,
                deviceLanes,
                registry);
    }

    @Bean
    ForwardedRequests forwardedRequests(DeviceRequestDispatcher dispatcher, JsonMapper json, Clock clock) {
        return new ForwardedRequests(dispatcher, json, clock);
    }

    /** Whether the devices' MQTT listener is up: a node without it is not ready for traffic. */
    @Bean
    HealthIndicator mqttHealthIndicator(MoquetteDeviceGateway gateway) {
        return () -> gateway.isRunning()
                ? Health.up().withDetail("port", gateway.port()).build()
                : Health.down().build();
    }

    @Bean
    MoquetteDeviceGateway deviceGateway(
            Server mqttBroker,
            ConnectProperties properties,
            DeviceDirectory directory,
            DeviceRequestDispatcher dispatcher,
            DevicePublisher devicePublisher,
            ConnectedDevices connectedDevices,
            GatewaySessions gatewaySessions,
            ConnectionRecorder connectionRecorder,
            TenantStatuses tenantStatuses,
            ObjectProvider<DeviceCommandListener> commandListeners,
            JsonMapper json,
            Clock clock) {
        var activations = new PendingActivations();
        var presentedCertificates = new PresentedCertificates<MqttConnectPeek.ConnectCredentials>();
        return new MoquetteDeviceGateway(
                mqttBroker,
                properties,
                presentedCertificates,
                new DeviceAuthenticator(
                        directory,
                        tenantStatuses,
                        activations,
                        presentedCertificates,
                        connectedDevices,
                        properties.lookupTimeout()),
                new DeviceMessageInterceptor(
                        dispatcher,
                        connectedDevices,
                        activations,
                        directory,
                        devicePublisher,
                        gatewaySessions,
                        connectionRecorder,
                        commandListeners,
                        json,
                        clock),
                gatewaySessions);
    }
}
