package io.helio.local;

import static io.helio.local.Stacks.at;
import static io.helio.local.Stacks.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.infra.FreePort;
import io.helio.infra.TestKeyStore;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.Command;
import io.helio.sdk.platform.model.CommandCreate;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.DeviceCertificateRegistration;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.DeviceRef;
import io.helio.sdk.platform.model.DeviceStatus;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.ProductType;
import io.helio.sdk.platform.model.RawDataRecord;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An edge bridge as its own process between site devices and a running Helio (over TLS, the edge
 * presenting its gateway's client certificate, which the gateway's product requires): its devices'
 * data arrives once through link outages and a crash of the edge, and commands reach them through it.
 */
class EdgeBridgeIT {

    private static final long T0 = Instant.now()
            .truncatedTo(ChronoUnit.HOURS)
            .minus(3, ChronoUnit.HOURS)
            .toEpochMilli();

    static LocalStack stack;
    static LinkProxy link;
    static LocalEdge edge;
    static HelioClient app;
    static String gateways;
    static String sensors;
    static final Map<String, String> secrets = new HashMap<>();

    @BeforeAll
    static void startHelioAndAnEdge() throws Exception {
        // the edge endpoint over TLS, with a certificate the edge is told to trust
        stack = Stacks.start(
                "edge",
                Map.of(
                        "HELIO_EDGE_TLS_ENABLED",
                        "true",
                        "HELIO_EDGE_TLS_KEYSTORE",
                        TestKeyStore.path().toString(),
                        "HELIO_EDGE_TLS_KEYSTOREPASSWORD",
                        TestKeyStore.PASSWORD));
        app = Stacks.newTenantApplication(stack, "Edge Co");
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("box")
                        .name("Box")
                        .elements(new ThingModelElements().measurePoints(List.of(point("load", DataType.DOUBLE)))));
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("sensor")
                        .name("Sensor")
                        .elements(new ThingModelElements()
                                .measurePoints(List.of(point("temp", DataType.DOUBLE), point("n", DataType.INT)))));
        // the gateway's product requires a client certificate: the edge presents the gateway's own
        gateways = app.products()
                .createProduct(new ProductCreate()
                        .name("Boxes")
                        .modelId("box")
                        .type(ProductType.GATEWAY)
                        .certificateRequired(true))
                .getProduct()
                .getProductKey();
        sensors = app.products()
                .createProduct(new ProductCreate().name("Sensors").modelId("sensor"))
                .getProduct()
                .getProductKey();
        secrets.put(
                "gw-1",
                app.devices()
                        .createDevice(gateways, new DeviceCreate().name("gw").deviceKey("gw-1"))
                        .getDeviceSecret());
        TestKeyStore.ClientKey gatewayKey = TestKeyStore.clientKey("gw-1");
        app.deviceCertificates()
                .registerDeviceCertificate(
                        gateways, "gw-1", new DeviceCertificateRegistration().certificate(gatewayKey.certificatePem()));
        for (String sensor : List.of("s-1", "s-2", "s-3")) {
            secrets.put(
                    sensor,
                    app.devices()
                            .createDevice(
                                    sensors, new DeviceCreate().name(sensor).deviceKey(sensor))
                            .getDeviceSecret());
        }

        link = new LinkProxy(stack.edgePort());
        Path folder = Path.of("target", "edge-" + ProcessHandle.current().pid(), "site")
                .toAbsolutePath();
        Files.createDirectories(folder);
        Path config = folder.resolve("edge.yml");
        Files.writeString(config, """
                helio:
                  edge:
                    cloud:
                      host: 127.0.0.1
                      port: %d
                      reconnect-min: 200ms
                      reconnect-max: 2s
                      tls:
                        enabled: true
                        trust-store: %s
                        trust-store-password: %s
                        key-store: %s
                        key-store-password: %s
                    gateway:
                      product-key: %s
                      device-key: gw-1
                      device-secret: %s
                    devices:
                      - product-key: %s
                        device-key: s-1
                        device-secret: %s
                        points:
                          t_raw: {to: temp, scale: 0.1}
                      - product-key: %s
                        device-key: s-2
                        device-secret: %s
                """.formatted(
                        link.port(),
                        TestKeyStore.path(),
                        TestKeyStore.PASSWORD,
                        gatewayKey.keyStore(),
                        TestKeyStore.PASSWORD,
                        gateways,
                        secrets.get("gw-1"),
                        sensors,
                        secrets.get("s-1"),
                        sensors,
                        secrets.get("s-2")));
        edge = LocalEdge.start(Stacks.home(), config, folder, FreePort.next());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (link != null) {
            link.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theEdgeAddsItsDevicesToTheGatewayShowsThemOnlineAndMapsTheirPoints() throws Exception {
        awaitTheEdgesSubDevices();
        assertThat(app.devices().listSubDevices(gateways, "gw-1").getItems())
                .extracting(DeviceRef::getDeviceKey)
                .containsExactlyInAnyOrder("s-1", "s-2");

        assertThat(await(() -> status(gateways, "gw-1") == DeviceStatus.ONLINE)).isTrue();
        try (EnosDevice sensor = siteDevice("s-1")) {
            assertThat(await(() -> status(sensors, "s-1") == DeviceStatus.ONLINE))
                    .isTrue();
            assertThat(sensor.postMeasurePoints("{\"t_raw\":215}", T0)).contains("\"code\":200");
        }
        assertThat(await(() -> status(sensors, "s-1") == DeviceStatus.OFFLINE)).isTrue();
        assertThat(await(() -> !raw("s-1", "temp", T0, T0 + 1).isEmpty())).isTrue();
        assertThat(raw("s-1", "temp", T0, T0 + 1)).containsExactly(21.5);
    }

    @Test
    void aDeviceThatIsNotTheEdgesCannotConnectToIt() {
        assertThatThrownBy(() -> EnosDevice.connect(edge.mqttUrl(), sensors, "s-3", secrets.get("s-3")))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> EnosDevice.connect(edge.mqttUrl(), sensors, "s-1", secrets.get("s-2")))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void everyPointArrivesExactlyOnceAcrossACutLink() throws Exception {
        long from = T0 + 10_000;
        int count = 400;
        CountDownLatch underWay = new CountDownLatch(2);
        ExecutorService posters = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> acknowledged = new ArrayList<>();
            for (String sensor : List.of("s-1", "s-2")) {
                acknowledged.add(posters.submit(() -> post(sensor, from, count, underWay)));
            }
            assertThat(underWay.await(30, TimeUnit.SECONDS)).isTrue();
            link.cut();
            Thread.sleep(3_000);
            link.restore();
            for (Future<Integer> done : acknowledged) {
                assertThat(done.get(120, TimeUnit.SECONDS)).isEqualTo(count);
            }
        } finally {
            posters.shutdownNow();
        }
        for (String sensor : List.of("s-1", "s-2")) {
            assertThat(await(() -> raw(sensor, "n", from, from + count).size() == count))
                    .as(sensor)
                    .isTrue();
            List<Double> stored = raw(sensor, "n", from, from + count);
            assertThat(stored).hasSize(count);
            for (int n = 0; n < count; n++) {
                assertThat(stored.get(n)).isEqualTo(n);
            }
        }
    }

    @Test
    void whatTheEdgeAcknowledgedSurvivesItsCrash() throws Exception {
        long from = T0 + 100_000;
        int count = 200;
        link.cut();
        try {
            assertThat(post("s-1", from, count, new CountDownLatch(1))).isEqualTo(count);
            edge.kill();
            edge.restart();
        } finally {
            link.restore();
        }
        assertThat(await(() -> raw("s-1", "n", from, from + count).size() == count))
                .isTrue();
        assertThat(raw("s-1", "n", from, from + count))
                .hasSize(count)
                .startsWith(0.0)
                .endsWith(count - 1.0);
    }

    @Test
    void commandsReachTheDeviceBehindTheEdgeAndTheReplyComesBack() throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor();
        try (EnosDevice sensor = siteDevice("s-1")) {
            sensor.subscribe(sensor.topic("thing/service/measurepoint/get"), (topic, message) -> {
                String id = new String(message.getPayload(), StandardCharsets.UTF_8)
                        .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                // answered from another thread: Paho's callback must not publish and wait
                answers.submit(() -> {
                    sensor.mqtt()
                            .publish(
                                    topic + "_reply",
                                    ("{\"id\":\"" + id + "\",\"code\":200,\"data\":{\"temp\":20.5}}")
                                            .getBytes(StandardCharsets.UTF_8),
                                    1,
                                    false);
                    return null;
                });
            });
            awaitTheEdgesSubDevices();

            Command answered = app.commands()
                    .sendCommand(
                            sensors,
                            "s-1",
                            new CommandCreate()
                                    .getMeasurePoints(List.of("temp"))
                                    .timeoutSeconds(10));

            assertThat(answered.getStatus()).isEqualTo(Command.StatusEnum.SUCCEEDED);
            assertThat(((Number) answered.getOutputs().get("temp")).doubleValue())
                    .isEqualTo(20.5);
        } finally {
            answers.shutdownNow();
        }

        // a device of the edge that is not connected to it fails at once, with a code that says so
        long began = System.nanoTime();
        Command unreachable = app.commands()
                .sendCommand(
                        sensors,
                        "s-2",
                        new CommandCreate().getMeasurePoints(List.of("temp")).timeoutSeconds(30));
        assertThat(unreachable.getStatus()).isEqualTo(Command.StatusEnum.FAILED);
        assertThat(unreachable.getReplyCode()).isEqualTo(503);
        assertThat(unreachable.getReplyMessage()).contains("not connected to the edge");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
    }

    /** The edge adds its two configured devices to its gateway when it connects. */
    private static void awaitTheEdgesSubDevices() throws Exception {
        assertThat(await(() -> app.devices()
                                .listSubDevices(gateways, "gw-1")
                                .getItems()
                                .size()
                        == 2))
                .isTrue();
    }

    private static DeviceStatus status(String product, String device) throws Exception {
        return app.devices().getDevice(product, device).getStatus();
    }

    /** Posts n = 0..count-1 at from + n ms; counts the 200s; counts down {@code underWay} a quarter of the way. */
    private static int post(String sensor, long from, int count, CountDownLatch underWay) throws Exception {
        int acknowledged = 0;
        try (EnosDevice device = siteDevice(sensor)) {
            for (int n = 0; n < count; n++) {
                if (device.postMeasurePoints("{\"n\":" + n + "}", from + n).contains("\"code\":200")) {
                    acknowledged++;
                }
                if (n == count / 4) {
                    underWay.countDown();
                }
            }
        }
        return acknowledged;
    }

    private static EnosDevice siteDevice(String deviceKey) throws MqttException {
        return EnosDevice.connect(edge.mqttUrl(), sensors, deviceKey, secrets.get(deviceKey));
    }

    private static List<Double> raw(String device, String point, long from, long to) {
        try {
            List<Double> values = new ArrayList<>();
            for (RawDataRecord record : app.timeSeries()
                    .queryRawData(sensors, List.of(device), List.of(point), at(from), at(to), null, 1_000, null)
                    .getItems()) {
                Object value = record.getMeasurepoints().get(point);
                if (value != null) {
                    values.add(((Number) value).doubleValue());
                }
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the condition holds within 60 s. */
    private static boolean await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.holds();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }
}
