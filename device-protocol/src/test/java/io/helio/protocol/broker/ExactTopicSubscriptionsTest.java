package io.helio.protocol.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.moquette.broker.Server;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.CTrieSubscriptionDirectory;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.persistence.MemorySubscriptionsRepository;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker as the platform and the edge start it, its exact topic filters looked up by hash
 * instead of Moquette's trie: what a device receives must not change.
 */
class ExactTopicSubscriptionsTest {

    private static final String REPLY = "/sys/pk/dk1/thing/measurepoint/post_reply";
    private static final String OTHER_REPLY = "/sys/pk/dk2/thing/measurepoint/post_reply";

    private final Server broker = new Server();
    private final List<MqttClient> clients = new ArrayList<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private int port;

    @AfterEach
    void stop() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
        broker.stopServer();
    }

    @Test
    void aPublishReachesEachClientWhoseFiltersMatchItOnceWhetherExactOrWildcard() throws Exception {
        start();
        subscribe("exact", REPLY);
        subscribe("other", OTHER_REPLY);
        subscribe("wildcard", "/sys/pk/+/thing/measurepoint/post_reply");
        subscribe("both", REPLY, "/sys/pk/dk1/#");

        EmbeddedBroker.publish(broker, REPLY, bytes("one"), "platform");
        EmbeddedBroker.publish(broker, OTHER_REPLY, bytes("marker"), "platform");

        awaitReceived("other", "marker");
        awaitReceived("wildcard", "one", "marker");
        awaitReceived("exact", "one");
        awaitReceived("both", "one");
        assertThat(received.get("exact")).as("no other topic's message").containsExactly("one");
        assertThat(received.get("both"))
                .as("one copy, though two filters match")
                .containsExactly("one");
    }

    @Test
    void aClientThatUnsubscribedOrLeftGetsNothingMore() throws Exception {
        start();
        MqttClient unsubscribing = subscribe("unsubscribing", REPLY, "/sys/pk/+/thing/measurepoint/#");
        MqttClient leaving = subscribe("leaving", REPLY);
        subscribe("staying", REPLY);
        unsubscribing.unsubscribe(new String[] {REPLY, "/sys/pk/+/thing/measurepoint/#"});
        leaving.disconnect();

        EmbeddedBroker.publish(broker, REPLY, bytes("after"), "platform");
        awaitReceived("staying", "after");
        EmbeddedBroker.publish(broker, REPLY, bytes("again"), "platform");
        awaitReceived("staying", "after", "again");

        assertThat(received.getOrDefault("unsubscribing", List.of())).isEmpty();
        assertThat(received.getOrDefault("leaving", List.of())).isEmpty();
    }

    @Test
    void aClientKeepsOneSubscriptionAFilterAtTheHighestQosItAskedFor() {
        CTrieSubscriptionDirectory trie = new CTrieSubscriptionDirectory();
        trie.init(new MemorySubscriptionsRepository());
        ExactTopicSubscriptions directory = new ExactTopicSubscriptions(trie);
        Topic reply = new Topic(REPLY);

        directory.add(new Subscription("device", reply, MqttQoS.AT_MOST_ONCE));
        directory.add(new Subscription("device", reply, MqttQoS.AT_LEAST_ONCE));
        directory.add(new Subscription("device", reply, MqttQoS.AT_MOST_ONCE));
        directory.add(
                new Subscription("app", new Topic("/sys/pk/+/thing/measurepoint/post_reply"), MqttQoS.AT_MOST_ONCE));
        directory.add(new Subscription("device", new Topic("/sys/#"), MqttQoS.AT_MOST_ONCE));

        assertThat(directory.matchQosSharpening(reply))
                .extracting(Subscription::getClientId, Subscription::getRequestedQos)
                .containsExactlyInAnyOrder(tuple("device", MqttQoS.AT_LEAST_ONCE), tuple("app", MqttQoS.AT_MOST_ONCE));
        assertThat(directory.matchWithoutQosSharpening(reply)).hasSize(3);
        assertThat(directory.size()).isEqualTo(3);

        directory.removeSubscription(reply, "device");
        directory.removeSubscription(new Topic("/sys/#"), "device");
        assertThat(directory.matchQosSharpening(reply))
                .extracting(Subscription::getClientId)
                .containsExactly("app");
        assertThat(directory.matchQosSharpening(new Topic(OTHER_REPLY)))
                .extracting(Subscription::getClientId)
                .containsExactly("app");
        assertThat(directory.listAllSessionIds()).containsExactly("app");
    }

    private void start() throws IOException {
        port = freePort();
        IAuthorizatorPolicy everything = new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                return true;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                return true;
            }
        };
        EmbeddedBroker.start(
                broker,
                EmbeddedBroker.settings("127.0.0.1", port, 64 * 1024),
                List.of(),
                null,
                (clientId, username, password) -> true,
                everything);
    }

    /**
     * A client connected with these subscriptions. Moquette 0.17 drops a connection whose SUBSCRIBE
     * comes before it has counted the connection as made (once its CONNACK is written): as a device
     * SDK does, the client connects again then, once.
     */
    private MqttClient subscribe(String clientId, String... filters) throws MqttException {
        try {
            return connected(clientId, filters);
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
            return connected(clientId, filters);
        }
    }

    private MqttClient connected(String clientId, String... filters) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.computeIfAbsent(clientId, id -> new CopyOnWriteArrayList<>())
                        .add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("user");
        options.setPassword("password".toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        for (String filter : filters) {
            client.subscribe(filter, 1);
        }
        return client;
    }

    private void awaitReceived(String clientId, String... messages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.getOrDefault(clientId, List.of()).size() < messages.length && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received.getOrDefault(clientId, List.of())).as(clientId).containsExactly(messages);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
