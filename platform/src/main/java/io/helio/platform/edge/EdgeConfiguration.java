package io.helio.platform.edge;

import io.helio.platform.connect.ConnectionRecorder;
import io.helio.platform.connect.DeviceCommandListener;
import io.helio.platform.connect.ForwardedRequests;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.TopologyService;
import io.helio.platform.model.certificate.PresentedCertificates;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.tenancy.TenantStatuses;
import io.helio.protocol.edge.EdgeLogin;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
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

    @Bean
    PresentedCertificates<EdgeLogin> edgeCertificates() {
        return new PresentedCertificates<>();
    }

    @Bean
    EdgeServers edgeServers(
            RSocketMessageHandler handler,
            EdgeEndpointProperties properties,
            PresentedCertificates<EdgeLogin> certificates) {
        return new EdgeServers(
                handler, properties, new EdgeConnectionCertificates(certificates, handler.getRSocketStrategies()));
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
            PresentedCertificates<EdgeLogin> certificates,
            Clock clock) {
        return new EdgeTelemetry(directory, tenants, topology, ingestor, sequences, devices, certificates, clock);
    }

    @Bean
    EdgePresences edgePresences(EdgeDevices devices, ConnectionRecorder connections, EdgeSessions sessions) {
        return new EdgePresences(devices, connections, sessions);
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
