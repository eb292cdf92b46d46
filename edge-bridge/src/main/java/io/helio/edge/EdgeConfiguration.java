package io.helio.edge;

import io.helio.edge.buffer.FrameBuffer;
import io.helio.edge.mapping.PointMappings;
import io.helio.edge.north.CloudLink;
import io.helio.edge.north.TopologySync;
import io.helio.edge.south.CommandRelay;
import io.helio.edge.south.LocalBroker;
import io.helio.edge.south.LocalMessages;
import io.helio.edge.south.SiteDevices;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SiteDevices siteDevices(EdgeProperties properties) {
        return new SiteDevices(properties);
    }

    @Bean(destroyMethod = "close")
    FrameBuffer frameBuffer(EdgeProperties properties) {
        return new FrameBuffer(properties.buffer().file(), properties.buffer().capacity());
    }

    @Bean
    LocalBroker localBroker(
            EdgeProperties properties, SiteDevices devices, ObjectProvider<LocalMessages> messages, JsonMapper json) {
        return new LocalBroker(properties.mqtt(), devices, messages, json);
    }

    @Bean
    CommandRelay commandRelay(LocalBroker broker, SiteDevices devices, JsonMapper json) {
        return new CommandRelay(broker, devices, json);
    }

    @Bean
    LocalMessages localMessages(
            EdgeProperties properties,
            SiteDevices devices,
            FrameBuffer buffer,
            CloudLink cloud,
            CommandRelay commands,
            LocalBroker broker,
            JsonMapper json,
            Clock clock) {
        return new LocalMessages(
                devices,
                new PointMappings(properties.devices()),
                buffer,
                cloud,
                commands,
                broker,
                json,
                clock,
                properties.mqtt().maxPayloadBytes());
    }

    @Bean
    CloudLink cloudLink(
            EdgeProperties properties,
            RSocketRequester.Builder requesters,
            RSocketMessageHandler responder,
            FrameBuffer buffer,
            SiteDevices devices,
            JsonMapper json,
            Clock clock) {
        return new CloudLink(
                properties,
                requesters,
                responder,
                buffer,
                new TopologySync(properties, json, clock),
                devices,
                json,
                clock);
    }
}
