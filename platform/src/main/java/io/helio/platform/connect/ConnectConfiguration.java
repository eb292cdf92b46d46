package io.helio.platform.connect;

import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.DeviceSessions;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.moquette.broker.Server;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    ConnectedDevices connectedDevices() {
        return new ConnectedDevices();
    }

    @Bean
    DeviceSessions deviceSessions(
            Server mqttBroker, DevicePublisher devicePublisher, ConnectedDevices connectedDevices) {
        return new MqttDeviceSessions(mqttBroker, devicePublisher, connectedDevices);
    }

    @Bean
    MoquetteDeviceGateway deviceGateway(
            Server mqttBroker,
            ConnectProperties properties,
            DeviceDirectory directory,
            R2dbcDeviceRepository devices,
            MeasurePointIngestor measurePoints,
            DeviceService deviceService,
            DevicePublisher devicePublisher,
            ConnectedDevices connectedDevices,
            JsonMapper json,
            Clock clock) {
        var dispatcher = new DeviceRequestDispatcher(
                directory,
                List.of(
                        new MeasurePointRequests(directory, measurePoints, json),
                        new AttributeAndTagRequests(deviceService, json)),
                devicePublisher,
                json,
                properties);
        var activations = new PendingActivations();
        return new MoquetteDeviceGateway(
                mqttBroker,
                properties,
                new DeviceAuthenticator(directory, activations, properties.lookupTimeout()),
                new DeviceMessageInterceptor(
                        dispatcher, connectedDevices, activations, directory, devicePublisher, devices, clock));
    }
}
