package io.helio.platform.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.infra.TestKeyStore;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.protocol.KeyStores;
import io.helio.protocol.edge.EdgeAck;
import io.helio.protocol.edge.EdgeCommand;
import io.helio.protocol.edge.EdgeFrame;
import io.helio.protocol.edge.EdgeLogin;
import io.helio.protocol.edge.EdgePresence;
import io.helio.protocol.edge.EdgeRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rsocket.RSocket;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An edge bridge's connection from its side, over real RSocket TCP: admitted only as a signed
 * gateway, its telemetry stored for the gateway and its sub-devices only, acknowledged in order, and
 * what it sends again after a reconnection acknowledged without being stored twice.
 */
@PlatformTest
class EdgeEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    RSocketRequester.Builder requesters;

    @Autowired
    RSocketStrategies strategies;

    @Autowired
    Environment environment;

    String tenant;
    Api api;
    String gatewayProduct;
    String gatewaySecret;
    String sensorProduct;

    @BeforeEach
    void site() {
        tenant = PlatformTestEnvironment.newTenant();
        api = Api.forTenant(web, tenant);
        api.postJson("/thing-models", """
                        {"modelId":"box","name":"Box","elements":{"measurePoints":[{"identifier":"load","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        api.postJson("/thing-models", """
                        {"modelId":"sensor","name":"Sensor","elements":{"measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        gatewayProduct = api.createProduct("{\"name\":\"Box\",\"modelId\":\"box\",\"type\":\"GATEWAY\"}");
        gatewaySecret = api.createDevice(gatewayProduct, "{\"deviceKey\":\"gw-1\",\"name\":\"gw\"}");
        sensorProduct = api.createProduct("{\"name\":\"Sensor\",\"modelId\":\"sensor\"}");
        api.createDevice(sensorProduct, "{\"deviceKey\":\"s-1\",\"name\":\"s\"}");
        api.createDevice(sensorProduct, "{\"deviceKey\":\"s-2\",\"name\":\"s\"}");
        api.postJson(
                        "/products/" + gatewayProduct + "/devices/gw-1/sub-devices",
                        "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\"}")
                .expectStatus()
                .isNoContent();
    }

    @Test
    void aGatewaysTelemetryIsStoredOnceAndAcknowledgedInOrder() {
        long t = System.currentTimeMillis() - 60_000;
        RSocketRequester edge = connect(login(gatewayProduct, "gw-1", gatewaySecret));
        List<EdgeAck> acks = edge.route("telemetry")
                .data(Flux.just(
                        frame(1, gatewayProduct, "gw-1", "{\"load\":0.5}", t),
                        frame(2, sensorProduct, "s-1", "{\"temp\":21.5}", t),
                        frame(3, sensorProduct, "s-2", "{\"temp\":99.0}", t),
                        frame(4, sensorProduct, "s-1", "{\"humidity\":3}", t),
                        frame(5, sensorProduct, "s-1", "{\"temp\":22.5}", t + 1000)))
                .retrieveFlux(EdgeAck.class)
                .collectList()
                .block(Duration.ofSeconds(20));
        edge.dispose();

        assertThat(acks).extracting(EdgeAck::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(acks).extracting(EdgeAck::code).containsExactly(200, 200, 1257, 1204, 200);

        // after a reconnection the edge sends again what it has not seen acknowledged, and more
        RSocketRequester again = connect(login(gatewayProduct, "gw-1", gatewaySecret));
        List<EdgeAck> resent = again.route("telemetry")
                .data(Flux.just(
                        frame(5, sensorProduct, "s-1", "{\"temp\":22.5}", t + 1000),
                        frame(6, sensorProduct, "s-1", "{\"temp\":23.5}", t + 2000)))
                .retrieveFlux(EdgeAck.class)
                .collectList()
                .block(Duration.ofSeconds(20));
        again.dispose();
        assertThat(resent).extracting(EdgeAck::code).containsExactly(200, 200);
        assertThat(resent.get(0).message()).isEqualTo("already stored");

        assertThat(PlatformTestEnvironment.awaitInfluxCount(
                        "SELECT count(temp) FROM \"helio_" + tenant + "\"..\"" + sensorProduct
                                + "\" WHERE device = 's-1'",
                        3))
                .isEqualTo(3);
        assertThat(PlatformTestEnvironment.influxQuery("SELECT count(temp) FROM \"helio_" + tenant + "\"..\""
                        + sensorProduct + "\" WHERE device = 's-2'"))
                .doesNotContain("\"series\"");
    }

    @Test
    void commandsForTheEdgesDevicesTravelOnItsConnectionAndWaitForItWhenItIsAway() throws Exception {
        String commands = "/products/" + sensorProduct + "/devices/s-1/commands";
        JsonNode waiting = api.postJson(commands, "{\"setMeasurePoints\":{\"temp\":20.0},\"mode\":\"ASYNC\"}")
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(waiting.get("status").asString()).isEqualTo("PENDING");

        Bridge bridge = new Bridge();
        RSocketRequester edge = requesters
                .setupData(login(gatewayProduct, "gw-1", gatewaySecret))
                .rsocketConnector(connector -> connector.acceptor(RSocketMessageHandler.responder(strategies, bridge)))
                .transport(tls());
        edge.rsocketClient().source().block(Duration.ofSeconds(10));

        EdgeCommand delivered = bridge.received.poll(10, TimeUnit.SECONDS);
        assertThat(delivered.id()).isEqualTo(waiting.get("commandId").asString());
        assertThat(delivered.deviceKey()).isEqualTo("s-1");
        assertThat(delivered.method()).isEqualTo("thing.service.measurepoint.set");
        assertThat(delivered.params().get("temp").asDouble()).isEqualTo(20.0);
        String record = "/commands/" + delivered.id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!api.getJson(record).get("status").asString().equals("SUCCEEDED") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(api.getJson(record).get("status").asString()).isEqualTo("SUCCEEDED");

        // while the edge is connected, a SYNC command is answered through it
        JsonNode answered = api.postJson(commands, "{\"getMeasurePoints\":[\"temp\"],\"timeoutSeconds\":5}")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answered.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(answered.get("outputs").get("temp").asDouble()).isEqualTo(21.0);
        edge.dispose();
    }

    /** The edge bridge's side of commands: it answers each for its device. */
    static final class Bridge {

        final BlockingQueue<EdgeCommand> received = new LinkedBlockingQueue<>();

        @MessageMapping("command")
        Mono<Map<String, Object>> command(EdgeCommand command) {
            received.add(command);
            return Mono.just(Map.of("id", command.id(), "code", 200, "data", Map.of("temp", 21.0)));
        }
    }

    @Test
    void anEdgeMayConnectOverWebSocketTooWithTheSameTls() throws Exception {
        RSocketRequester edge = requesters
                .setupData(login(gatewayProduct, "gw-1", gatewaySecret))
                .transport(webSocket(clientTls(null)));
        EdgeAck ack = edge.route("telemetry")
                .data(Flux.just(frame(1, gatewayProduct, "gw-1", "{\"load\":0.75}", System.currentTimeMillis())))
                .retrieveFlux(EdgeAck.class)
                .blockFirst(Duration.ofSeconds(10));
        edge.dispose();
        assertThat(ack.code()).isEqualTo(200);
        assertThat(PlatformTestEnvironment.awaitInfluxAnswer(
                        "SELECT load FROM \"helio_" + tenant + "\"..\"" + gatewayProduct + "\" WHERE device = 'gw-1'",
                        answer -> answer.contains(",0.75]")))
                .contains(",0.75]");
    }

    @Test
    void anEdgeForwardsItsDevicesRequestsAndNoOneElses() {
        RSocketRequester edge = connect(login(gatewayProduct, "gw-1", gatewaySecret));
        String other = PlatformTestEnvironment.newTenant();
        Api otherApi = Api.forTenant(web, other);
        otherApi.postJson("/thing-models", """
                        {"modelId":"sensor","name":"Sensor","elements":{"measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        String othersProduct = otherApi.createProduct("{\"name\":\"Sensor\",\"modelId\":\"sensor\"}");
        otherApi.createDevice(othersProduct, "{\"deviceKey\":\"s-1\",\"name\":\"s\"}");

        // the gateway's own request, and a sub-device's, are served as over MQTT
        JsonNode topology = forward(edge, "/sys/" + gatewayProduct + "/gw-1/thing/topo/get", "thing.topo.get", "{}");
        assertThat(topology.get("code").asInt()).isEqualTo(200);
        assertThat(topology.get("data").get(0).get("deviceKey").asString()).isEqualTo("s-1");
        JsonNode tagged = forward(
                edge,
                "/sys/" + sensorProduct + "/s-1/thing/tag/update",
                "thing.tag.update",
                "{\"tags\":{\"site\":\"north\"}}");
        assertThat(tagged.get("code").asInt()).isEqualTo(200);
        assertThat(api.getJson("/products/" + sensorProduct + "/devices/s-1")
                        .get("tags")
                        .get("site")
                        .asString())
                .isEqualTo("north");

        // a device of the tenant that is not the gateway's, and another tenant's device, are refused
        for (String notItsOwn : List.of(sensorProduct + "/s-2", othersProduct + "/s-1")) {
            JsonNode refused = forward(
                    edge, "/sys/" + notItsOwn + "/thing/tag/update", "thing.tag.update", "{\"tags\":{\"x\":\"y\"}}");
            assertThat(refused.get("code").asInt()).as(notItsOwn).isEqualTo(1009);
        }
        assertThat(otherApi.getJson("/products/" + othersProduct + "/devices/s-1")
                        .path("tags")
                        .has("x"))
                .isFalse();
        edge.dispose();
    }

    @Test
    void theEdgeAndTheDevicesItReportsAreOnlineWhileItIsConnected() throws Exception {
        RSocketRequester edge = connect(login(gatewayProduct, "gw-1", gatewaySecret));
        report(edge, sensorProduct, "s-1", true);
        report(edge, sensorProduct, "s-2", true);

        awaitStatus(gatewayProduct, "gw-1", "ONLINE");
        awaitStatus(sensorProduct, "s-1", "ONLINE");
        // s-2 is not the gateway's sub-device: what the edge says of it changes nothing
        assertThat(status(sensorProduct, "s-2")).isEqualTo("INACTIVE");

        report(edge, sensorProduct, "s-1", false);
        awaitStatus(sensorProduct, "s-1", "OFFLINE");
        report(edge, sensorProduct, "s-1", true);
        awaitStatus(sensorProduct, "s-1", "ONLINE");

        // the edge reconnects before its old connection is seen to end: the old one's end changes nothing
        RSocketRequester again = connect(login(gatewayProduct, "gw-1", gatewaySecret));
        report(again, sensorProduct, "s-1", true);
        again.route("request")
                .data(new EdgeRequest("/sys/" + gatewayProduct + "/gw-1/thing/topo/get", JSON.readTree("{}")))
                .retrieveMono(JsonNode.class)
                .block(Duration.ofSeconds(10)); // the presence report, sent before, has been taken
        edge.dispose();
        Thread.sleep(1_000);
        assertThat(status(gatewayProduct, "gw-1")).isEqualTo("ONLINE");
        assertThat(status(sensorProduct, "s-1")).isEqualTo("ONLINE");

        // the connection ends: the gateway and what was connected behind it go offline
        again.dispose();
        awaitStatus(gatewayProduct, "gw-1", "OFFLINE");
        awaitStatus(sensorProduct, "s-1", "OFFLINE");
    }

    /** The edge says whether one of its devices is connected to it (fire-and-forget). */
    private static void report(RSocketRequester edge, String product, String device, boolean online) {
        edge.route("presence")
                .data(new EdgePresence(product, device, online))
                .send()
                .block(Duration.ofSeconds(5));
    }

    private String status(String product, String device) {
        return api.getJson("/products/" + product + "/devices/" + device)
                .get("status")
                .asString();
    }

    private void awaitStatus(String product, String device, String expected) {
        assertThat(Eventually.read(() -> status(product, device), expected::equals))
                .as(device)
                .isEqualTo(expected);
    }

    @Test
    void anEdgeNeitherWritesForNorHearsCommandsOfAnotherTenantsDevice() throws Exception {
        String other = PlatformTestEnvironment.newTenant();
        Api otherApi = Api.forTenant(web, other);
        Api.ProvisionedDevice victim = otherApi.provisionDevice("sensor", Map.of("temp", "DOUBLE"), "s-1");
        Bridge bridge = new Bridge();
        RSocketRequester edge = requesters
                .setupData(login(gatewayProduct, "gw-1", gatewaySecret))
                .rsocketConnector(connector -> connector.acceptor(RSocketMessageHandler.responder(strategies, bridge)))
                .transport(tls());

        EdgeAck refused = edge.route("telemetry")
                .data(Flux.just(frame(1, victim.productKey(), "s-1", "{\"temp\":66.6}", System.currentTimeMillis())))
                .retrieveFlux(EdgeAck.class)
                .blockFirst(Duration.ofSeconds(10));
        JsonNode waiting = otherApi.postJson(
                        "/products/" + victim.productKey() + "/devices/s-1/commands",
                        "{\"setMeasurePoints\":{\"temp\":1.0},\"mode\":\"ASYNC\"}")
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(refused.code()).isEqualTo(EdgeAck.NOT_ITS_DEVICE);
        assertThat(PlatformTestEnvironment.influxQuery(
                        "SELECT count(temp) FROM \"helio_" + other + "\"..\"" + victim.productKey() + "\""))
                .doesNotContain("\"series\"");
        assertThat(bridge.received.poll(2, TimeUnit.SECONDS)).isNull();
        assertThat(otherApi.getJson("/commands/" + waiting.get("commandId").asString())
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        edge.dispose();
    }

    private static JsonNode forward(RSocketRequester edge, String topic, String method, String params) {
        JsonNode request = JSON.readTree(
                "{\"id\":\"7\",\"version\":\"1.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return edge.route("request")
                .data(new EdgeRequest(topic, request))
                .retrieveMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
    }

    @Test
    void onlyASignedGatewayIsAdmitted() {
        String deviceSecret = api.createDevice(sensorProduct, "{\"deviceKey\":\"s-3\",\"name\":\"s\"}");
        for (EdgeLogin refused : List.of(
                login(gatewayProduct, "gw-1", "not-the-secret"),
                login(sensorProduct, "s-3", deviceSecret),
                login(gatewayProduct, "gw-9", gatewaySecret))) {
            RSocketRequester edge = connect(refused);
            assertThatThrownBy(() -> edge.route("telemetry")
                            .data(Flux.just(frame(1, gatewayProduct, "gw-1", "{\"load\":1.0}", 0)))
                            .retrieveFlux(EdgeAck.class)
                            .blockLast(Duration.ofSeconds(10)))
                    .as(refused.deviceKey())
                    .hasMessageContaining("edge refused");
            edge.dispose();
        }
    }

    @Test
    void theEndpointSpeaksOnlyTlsAndOnlyWithACertificateTheEdgeTrusts() throws Exception {
        RSocketRequester plain = requesters
                .setupData(login(gatewayProduct, "gw-1", gatewaySecret))
                .tcp("127.0.0.1", port());
        assertThatThrownBy(() -> plain.route("request")
                        .data(new EdgeRequest("/sys/" + gatewayProduct + "/gw-1/thing/topo/get", JSON.readTree("{}")))
                        .retrieveMono(JsonNode.class)
                        .block(Duration.ofSeconds(5)))
                .isInstanceOf(RuntimeException.class); // the connection closed, or no answer at all
        plain.dispose();
        // an edge that trusts only the default authorities does not accept the test's self-signed certificate
        RSocketRequester untrusting = requesters
                .setupData(login(gatewayProduct, "gw-1", gatewaySecret))
                .transport(TcpClientTransport.create(
                        TcpClient.create().host("127.0.0.1").port(port()).secure()));
        assertThatThrownBy(() -> untrusting.rsocketClient().source().block(Duration.ofSeconds(10)))
                .hasStackTraceContaining("SSLHandshakeException");
        untrusting.dispose();
    }

    @Test
    void aGatewayWhoseProductRequiresACertificateIsAdmittedOnlyWithItsOwn() throws Exception {
        String pinnedProduct = api.createProduct(
                "{\"name\":\"Pinned box\",\"modelId\":\"box\",\"type\":\"GATEWAY\",\"certificateRequired\":true}");
        String secret = api.createDevice(pinnedProduct, "{\"deviceKey\":\"gw-p\",\"name\":\"gw\"}");
        TestKeyStore.ClientKey own = TestKeyStore.clientKey("gw-p");
        api.post(
                        "/products/" + pinnedProduct + "/devices/gw-p/certificates",
                        Map.of("certificate", own.certificatePem()))
                .expectStatus()
                .isCreated();

        for (SslContext refused :
                List.of(clientTls(null), clientTls(TestKeyStore.clientKey("gw-p")) /* same name, another key */)) {
            RSocketRequester edge = requesters
                    .setupData(login(pinnedProduct, "gw-p", secret))
                    .transport(TcpClientTransport.create(TcpClient.create()
                            .host("127.0.0.1")
                            .port(port())
                            .secure(spec -> spec.sslContext(refused))));
            assertThatThrownBy(() -> edge.route("telemetry")
                            .data(Flux.just(frame(1, pinnedProduct, "gw-p", "{\"load\":1.0}", 0)))
                            .retrieveFlux(EdgeAck.class)
                            .blockLast(Duration.ofSeconds(10)))
                    .hasMessageContaining("edge refused");
            edge.dispose();
        }

        SslContext presenting = clientTls(own);
        RSocketRequester overTcp =
                requesters.setupData(login(pinnedProduct, "gw-p", secret)).transport(tcp(presenting));
        RSocketRequester overWebSocket =
                requesters.setupData(login(pinnedProduct, "gw-p", secret)).transport(webSocket(presenting));
        long now = System.currentTimeMillis();
        for (RSocketRequester edge : List.of(overTcp, overWebSocket)) {
            EdgeAck ack = edge.route("telemetry")
                    .data(Flux.just(frame(1, pinnedProduct, "gw-p", "{\"load\":0.25}", now)))
                    .retrieveFlux(EdgeAck.class)
                    .blockFirst(Duration.ofSeconds(10));
            assertThat(ack.code()).isEqualTo(200);
        }
        overWebSocket.dispose();

        // revoking the certificate ends the edge's connection that it admitted
        RSocket admitted = overTcp.rsocketClient().source().block(Duration.ofSeconds(10));
        assertThat(admitted.isDisposed()).isFalse();
        String fingerprint = api.getJson("/products/" + pinnedProduct + "/devices/gw-p/certificates")
                .get("items")
                .get(0)
                .get("fingerprint")
                .asString();
        api.delete("/products/" + pinnedProduct + "/devices/gw-p/certificates/" + fingerprint)
                .expectStatus()
                .isNoContent();
        admitted.onClose().onErrorComplete().block(Duration.ofSeconds(10)); // the platform ends it: an error here
        assertThat(admitted.isDisposed()).isTrue();
        RSocketRequester again =
                requesters.setupData(login(pinnedProduct, "gw-p", secret)).transport(tcp(presenting));
        assertThatThrownBy(() -> again.route("telemetry")
                        .data(Flux.just(frame(2, pinnedProduct, "gw-p", "{\"load\":1.0}", now)))
                        .retrieveFlux(EdgeAck.class)
                        .blockLast(Duration.ofSeconds(10)))
                .hasMessageContaining("not registered");
        again.dispose();
    }

    private TcpClientTransport tcp(SslContext tls) {
        return TcpClientTransport.create(
                TcpClient.create().host("127.0.0.1").port(port()).secure(spec -> spec.sslContext(tls)));
    }

    private WebsocketClientTransport webSocket(SslContext tls) {
        return WebsocketClientTransport.create(
                HttpClient.create()
                        .host("127.0.0.1")
                        .port(Integer.parseInt(environment.getRequiredProperty("helio.edge.websocket-port")))
                        .secure(spec -> spec.sslContext(tls)),
                "/");
    }

    /** TLS trusting the test server certificate, presenting {@code key}'s client certificate when given. */
    private static SslContext clientTls(TestKeyStore.@Nullable ClientKey key) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(TestKeyStore.trust());
        if (key != null) {
            builder.keyManager(KeyStores.keys(key.keyStore(), "PKCS12", TestKeyStore.PASSWORD));
        }
        return builder.build();
    }

    private RSocketRequester connect(EdgeLogin login) {
        return requesters.setupData(login).transport(tls());
    }

    /** The edge endpoint's TCP transport, over TLS, trusting the test certificate. */
    private TcpClientTransport tls() {
        try {
            return tcp(clientTls(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int port() {
        return Integer.parseInt(environment.getRequiredProperty("helio.edge.port"));
    }

    private static EdgeLogin login(String product, String device, String secret) {
        String timestamp = Long.toString(System.currentTimeMillis());
        return new EdgeLogin(product, device, timestamp, EnosDevice.sign(secret, device, device, product, timestamp));
    }

    private static EdgeFrame frame(long seq, String product, String device, String points, long time) {
        JsonNode params = JSON.readTree("{\"measurepoints\":" + points + ",\"time\":" + time + "}");
        return new EdgeFrame(seq, product, device, params);
    }
}
