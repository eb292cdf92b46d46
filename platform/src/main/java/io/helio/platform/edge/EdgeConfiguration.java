package io.helio.platform.edge;

import io.helio.platform.connect.ConnectionRecorder;
import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.connect.ForwardedRequests;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.TopologyService;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.tenancy.TenantStatuses;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.rsocket.autoconfigure.RSocketProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    @Bean
    R2dbcEdgeSequences edgeSequences(DatabaseClient db, TenantScope scope) {
        return new R2dbcEdgeSequences(db, scope);
    }

    /** The WebSocket transport beside TCP (Spring Boot's RSocket server), with its TLS settings. */
    @Bean
    EdgeWebSocketServer edgeWebSocketServer(
            RSocketMessageHandler handler, RSocketProperties rsocket, @Value("${helio.edge.websocket-port}") int port) {
        return new EdgeWebSocketServer(
                handler, "0.0.0.0", port, rsocket.getServer().getSsl());
    }

    @Bean
    EdgeSessions edgeSessions() {
        return new EdgeSessions();
    }

    @Bean
    EdgeTelemetry edgeTelemetry(
            DeviceDirectory directory,
            TenantStatuses tenants,
            TopologyService topology,
            MeasurePointIngestor ingestor,
            R2dbcEdgeSequences sequences,
            EdgeDevices devices,
            Clock clock) {
        return new EdgeTelemetry(directory, tenants, topology, ingestor, sequences, devices, clock);
    }

    @Bean
    EdgePresences edgePresences(EdgeDevices devices, ConnectionRecorder connections) {
        return new EdgePresences(devices, connections);
    }

    @Bean
    EdgeDevices edgeDevices(TopologyService topology, ObjectProvider<DeviceCommandListener> commandListeners) {
        return new EdgeDevices(topology, commandListeners);
    }

    @Bean
    EdgeRequests edgeRequests(EdgeDevices devices, ForwardedRequests forwarded, JsonMapper json) {
        return new EdgeRequests(devices, forwarded, json);
    }
}
