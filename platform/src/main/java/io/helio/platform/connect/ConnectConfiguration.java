package io.helio.platform.connect;

import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.moquette.broker.Server;
import java.time.Clock;
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
    MoquetteDeviceGateway deviceGateway(
            Server mqttBroker,
            ConnectProperties properties,
            DeviceDirectory directory,
            MeasurePointIngestor measurePoints,
            JsonMapper json,
            Clock clock) {
        var replies = new ReplySender(mqttBroker, json);
        var dispatcher = new DeviceRequestDispatcher(directory, measurePoints, replies, json, properties);
        return new MoquetteDeviceGateway(
                mqttBroker,
                properties,
                new DeviceAuthenticator(directory, properties.lookupTimeout()),
                new DeviceMessageInterceptor(dispatcher, clock));
    }
}
