package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Many devices each sending a burst of QoS 1 posts without waiting for the replies, thousands in
 * flight at once: every post is answered, with 200 or a 429 to retry, and exactly the points
 * answered 200 are stored.
 */
@PlatformTest
class PostBurstTest {

    private static final int DEVICES = 50;
    private static final int POSTS_EACH = 100;
    private static final long T0 = System.currentTimeMillis() - 3_600_000;
    private static final Pattern CODE = Pattern.compile("\"code\":(\\d+)");

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void everyPostOfABurstIsAnsweredAndWhatWasAcknowledgedIsStored() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setDeviceRates(tenant, 1_000_000, 1_000_000);
        Api api = Api.forTenant(web, tenant);
        List<Api.ProvisionedDevice> devices = new ArrayList<>();
        devices.add(api.provisionDevice("m", Map.of("v", "INT"), "b-0"));
        String product = devices.get(0).productKey();
        for (int i = 1; i < DEVICES; i++) {
            devices.add(new Api.ProvisionedDevice(
                    product, "b-" + i, api.createDevice(product, "{\"deviceKey\":\"b-" + i + "\",\"name\":\"b\"}")));
        }

        Map<String, AtomicInteger> repliesByCode = new ConcurrentHashMap<>();
        List<MqttAsyncClient> clients = new ArrayList<>();
        try {
            for (Api.ProvisionedDevice device : devices) {
                clients.add(connected(device, repliesByCode));
            }
            for (int i = 0; i < POSTS_EACH; i++) {
                for (int d = 0; d < DEVICES; d++) {
                    String payload = "{\"id\":\"" + i + "\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                            + "\"params\":{\"measurepoints\":{\"v\":" + i + "},\"time\":" + (T0 + i) + "}}";
                    clients.get(d).publish(topic(devices.get(d)), payload.getBytes(StandardCharsets.UTF_8), 1, false);
                }
            }

            Eventually.read(
                    () -> answered(repliesByCode),
                    answered -> answered >= DEVICES * POSTS_EACH,
                    Duration.ofSeconds(120));
        } finally {
            for (MqttAsyncClient client : clients) {
                client.disconnectForcibly(0, 0, false);
                client.close(true);
            }
        }

        assertThat(answered(repliesByCode)).isEqualTo(DEVICES * POSTS_EACH);
        assertThat(repliesByCode.keySet()).isSubsetOf("200", "429");
        int acknowledged =
                repliesByCode.getOrDefault("200", new AtomicInteger()).get();
        assertThat(acknowledged).isPositive();
        assertThat(PlatformTestEnvironment.awaitInfluxCount(
                        "SELECT count(v) FROM \"helio_" + tenant + "\"..\"" + product + "\"", acknowledged))
                .isEqualTo(acknowledged);
    }

    /**
     * Connected, signed as an EnOS device, subscribed to its replies, up to a whole burst in flight.
     * Like {@code EnosDevice}, it connects again once when the broker drops a session whose SUBSCRIBE
     * came right after the CONNACK (Moquette may take it before it counts the connection as made).
     */
    private MqttAsyncClient connected(Api.ProvisionedDevice device, Map<String, AtomicInteger> repliesByCode)
            throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttAsyncClient client = client(device);
            try {
                client.subscribe(topic(device) + "_reply", 0, (topic, reply) -> {
                            Matcher code = CODE.matcher(new String(reply.getPayload(), StandardCharsets.UTF_8));
                            repliesByCode
                                    .computeIfAbsent(code.find() ? code.group(1) : "none", c -> new AtomicInteger())
                                    .incrementAndGet();
                        })
                        .waitForCompletion(10_000);
                return client;
            } catch (MqttException e) {
                client.close(true);
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private MqttAsyncClient client(Api.ProvisionedDevice device) throws MqttException {
        String timestamp = Long.toString(System.currentTimeMillis());
        String clientId = device.deviceKey() + "{burst}";
        MqttAsyncClient client = new MqttAsyncClient(
                "tcp://127.0.0.1:" + gateway.port(),
                clientId + "|securemode=2,signmethod=sha256,timestamp=" + timestamp + "|",
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(device.deviceKey() + "&" + device.productKey());
        options.setPassword(
                EnosDevice.sign(device.secret(), clientId, device.deviceKey(), device.productKey(), timestamp)
                        .toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(POSTS_EACH);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static String topic(Api.ProvisionedDevice device) {
        return "/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
    }

    private static int answered(Map<String, AtomicInteger> repliesByCode) {
        return repliesByCode.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
