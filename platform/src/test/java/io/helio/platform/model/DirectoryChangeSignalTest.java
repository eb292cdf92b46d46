package io.helio.platform.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class DirectoryChangeSignalTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    DatabaseClient db;

    @Autowired
    DirectoryChangeSignal thisNode;

    @Test
    void aChangedModelTakesEffectForTheNextMessage() throws Exception {
        // given a connected device whose model lacks a point
        Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        Api.ProvisionedDevice device = api.provisionDevice("sensor", Map.of("temp", "DOUBLE"), "s1");
        try (EnosDevice sensor =
                EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), device.productKey(), "s1", device.secret())) {
            assertThat(sensor.postMeasurePoints("{\"hum\":40.0}", 1_700_000_000_000L))
                    .contains("\"code\":1204");

            // when the model gains the point
            api.putJson("/thing-models/sensor", """
                            {"name":"sensor","elements":{"measurePoints":[
                              {"identifier":"temp","type":{"dataType":"DOUBLE"}},{"identifier":"hum","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isOk();

            // then the very next message may carry it
            assertThat(sensor.postMeasurePoints("{\"hum\":40.0}", 1_700_000_001_000L))
                    .contains("\"code\":200");
        }
    }

    @Test
    void everyOtherNodeHearsOfTheChange() throws Exception {
        // given another node listening on the same database
        AtomicInteger forgotten = new AtomicInteger();
        DirectoryChangeSignal otherNode = new DirectoryChangeSignal(connections, db, forgotten::incrementAndGet);
        otherNode.start();
        try {
            awaitListening(forgotten);
            int before = forgotten.get();

            // when a model changes through this node's API
            Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
            api.postJson("/thing-models", "{\"modelId\":\"m\",\"name\":\"m\"}")
                    .expectStatus()
                    .isCreated();
            api.putJson("/thing-models/m", "{\"name\":\"renamed\"}")
                    .expectStatus()
                    .isOk();

            // then the other node forgets its cache
            assertThat(Eventually.read(forgotten::get, count -> count > before))
                    .as("other node notified")
                    .isGreaterThan(before);
        } finally {
            otherNode.stop();
        }
    }

    /**
     * LISTEN is asynchronous: this node announces until the other one hears it, so the test starts
     * from a known state. Only a notification can reach the other node's counter.
     */
    private void awaitListening(AtomicInteger forgotten) throws InterruptedException {
        int start = forgotten.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (forgotten.get() == start && System.nanoTime() < deadline) {
            thisNode.announce("warm-up").block(Duration.ofSeconds(5));
            Thread.sleep(50);
        }
        assertThat(forgotten.get()).as("listener ready").isGreaterThan(start);
        Thread.sleep(200);
    }
}
