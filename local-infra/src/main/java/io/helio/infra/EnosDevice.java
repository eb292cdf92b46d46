package io.helio.infra;

import io.helio.protocol.DeviceSignatures;
import io.helio.protocol.SignMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * A device as an EnOS device SDK would be: a real MQTT (Paho) client that signs its CONNECT with its
 * secret (secure mode 2, SHA-256), sends requests on its {@code /sys/{pk}/{dk}/} topics and waits for
 * the matching reply.
 */
public final class EnosDevice implements AutoCloseable {

    private final MqttClient client;
    private final String productKey;
    private final String deviceKey;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, BlockingQueue<String>> repliesByTopic = new ConcurrentHashMap<>();

    private EnosDevice(MqttClient client, String productKey, String deviceKey) {
        this.client = client;
        this.productKey = productKey;
        this.deviceKey = deviceKey;
    }

    /** Connects with a correct signature; throws the broker's refusal otherwise. */
    public static EnosDevice connect(String brokerUrl, String productKey, String deviceKey, String secret)
            throws MqttException {
        return connect(brokerUrl, productKey, deviceKey, secret, null);
    }

    /** Connects over TLS ({@code ssl://...}) with sockets from {@code tls}, or in plain text when null. */
    public static EnosDevice connect(
            String brokerUrl, String productKey, String deviceKey, String secret, @Nullable SSLSocketFactory tls)
            throws MqttException {
        String timestamp = Long.toString(System.currentTimeMillis());
        String clientId = deviceKey + "{helio-test}";
        String signature = sign(secret, clientId, deviceKey, productKey, timestamp);
        return connectWith(brokerUrl, productKey, deviceKey, clientId, timestamp, signature, 2, tls);
    }

    /**
     * Connects by dynamic activation (secure mode 3), signing with the product secret; the platform
     * then publishes the device's own secret on its activation topic.
     */
    public static EnosDevice activate(String brokerUrl, String productKey, String deviceKey, String productSecret)
            throws MqttException {
        String timestamp = Long.toString(System.currentTimeMillis());
        String clientId = deviceKey + "{helio-test}";
        String signature = sign(productSecret, clientId, deviceKey, productKey, timestamp);
        return connectWith(brokerUrl, productKey, deviceKey, clientId, timestamp, signature, 3, null);
    }

    /** Connects with whatever signature it is given: for tests of refused credentials. */
    public static EnosDevice connectWith(
            String brokerUrl, String productKey, String deviceKey, String clientId, String timestamp, String signature)
            throws MqttException {
        return connectWith(brokerUrl, productKey, deviceKey, clientId, timestamp, signature, 2, null);
    }

    private static EnosDevice connectWith(
            String brokerUrl,
            String productKey,
            String deviceKey,
            String clientId,
            String timestamp,
            String signature,
            int secureMode,
            @Nullable SSLSocketFactory tls)
            throws MqttException {
        String mqttClientId =
                clientId + "|securemode=" + secureMode + ",signmethod=sha256,timestamp=" + timestamp + "|";
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceKey + "&" + productKey);
        options.setPassword(signature.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        for (int attempt = 1; ; attempt++) {
            MqttClient client = new MqttClient(brokerUrl, mqttClientId, new MemoryPersistence());
            client.setTimeToWait(10_000);
            client.connect(options);
            EnosDevice device = new EnosDevice(client, productKey, deviceKey);
            try {
                device.confirmSession();
                return device;
            } catch (MqttException e) {
                client.close(true);
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** The EnOS signature with SHA-256, as a device makes it. */
    public static String sign(String secret, String clientId, String deviceKey, String productKey, String timestamp) {
        return DeviceSignatures.sign(secret, SignMethod.SHA256, clientId, productKey, deviceKey, timestamp);
    }

    /**
     * Subscribes to the device's own post reply topic, as EnOS SDKs do right after CONNECT. Moquette
     * 0.17 marks a connection as connected only once its CONNACK write completes, and drops one whose
     * first SUBSCRIBE arrives before that; a real SDK reconnects then, and so does this device (once).
     */
    private void confirmSession() throws MqttException {
        client.subscribe(topic("thing/measurepoint/post_reply"), 1);
    }

    public String topic(String path) {
        return "/sys/" + productKey + "/" + deviceKey + "/" + path;
    }

    /** The device's {@code /ext/session/{pk}/{dk}/} topics (activation, sub-device sessions). */
    public String sessionTopic(String path) {
        return "/ext/session/" + productKey + "/" + deviceKey + "/" + path;
    }

    /** Sends a request of this method on the topic of its name and returns the reply (JSON text). */
    public String call(String method, String paramsJson) throws MqttException, InterruptedException {
        String payload = "{\"id\":\"" + nextId() + "\",\"version\":\"1.0\",\"method\":\"" + method + "\",\"params\":"
                + paramsJson + "}";
        return request(topic(method.replace('.', '/')), payload, Duration.ofSeconds(10));
    }

    /** Posts measure points and returns the platform's reply (JSON text). */
    public String postMeasurePoints(String measurepointsJson, long time) throws MqttException, InterruptedException {
        String id = nextId();
        String payload = "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":" + measurepointsJson + ",\"time\":" + time + "}}";
        return request(topic("thing/measurepoint/post"), payload, Duration.ofSeconds(10));
    }

    /** Publishes any payload on a topic and waits for the next reply on that topic's reply topic. */
    public String request(String topic, String payload, Duration timeout) throws MqttException, InterruptedException {
        BlockingQueue<String> replies = subscribeReplies(topic);
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new IllegalStateException("no reply on " + topic + "_reply within " + timeout);
        }
        return reply;
    }

    /**
     * Publishes, at QoS 0, what the broker must answer by disconnecting this device, and returns
     * whether it did within {@code within}. The broker may close the connection before the client
     * has finished the write, so a failed publish is part of the expected outcome.
     */
    public boolean publishAndAwaitDisconnect(String topic, byte[] payload, Duration within)
            throws InterruptedException {
        try {
            client.publish(topic, payload, 0, false);
        } catch (MqttException closedWhileWriting) {
            // the broker hung up first
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (client.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !client.isConnected();
    }

    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    public MqttClient mqtt() {
        return client;
    }

    private BlockingQueue<String> subscribeReplies(String requestTopic) throws MqttException {
        String replyTopic = requestTopic + "_reply";
        BlockingQueue<String> existing = repliesByTopic.get(replyTopic);
        if (existing != null) {
            return existing;
        }
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        if (subscribe(replyTopic, (topic, message) -> replies.add(text(message))) == 128) {
            throw new IllegalStateException("the broker refused the subscription to " + replyTopic);
        }
        repliesByTopic.put(replyTopic, replies);
        return replies;
    }

    /** Subscribes and returns the granted QoS: 128 means the broker refused the subscription. */
    public int subscribe(String topicFilter, IMqttMessageListener listener) throws MqttException {
        return client.subscribeWithResponse(topicFilter, 1, listener).getGrantedQos()[0];
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(2000);
        }
        client.close(true);
    }
}
