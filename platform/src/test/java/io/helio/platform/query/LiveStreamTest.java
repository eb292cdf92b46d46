package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The live stream (Server-Sent Events) carries what devices post, as it is accepted, to the tenant's subscribers only. */
@PlatformTest
class LiveStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void aSubscriberGetsNewValuesOfItsDevicesButNotBackFillOrOtherDevices() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice watched = api.provisionDevice("m", Map.of("temp", "DOUBLE"), "watched");
        String otherSecret = api.createDevice(watched.productKey(), "{\"deviceKey\":\"other\",\"name\":\"o\"}");
        String broker = "tcp://127.0.0.1:" + gateway.port();

        // the response starts with its first event, so devices post until the test has read what it needs
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService devices = Executors.newSingleThreadExecutor();
        Future<?> posts = devices.submit(() -> {
            try (EnosDevice device = EnosDevice.connect(broker, watched.productKey(), "watched", watched.secret());
                    EnosDevice other = EnosDevice.connect(broker, watched.productKey(), "other", otherSecret)) {
                for (int i = 0; posting.get(); i++) {
                    long now = System.currentTimeMillis();
                    other.postMeasurePoints("{\"temp\":-2.0}", now);
                    device.call(
                            "thing.measurepoint.resume",
                            "{\"measurepoints\":{\"temp\":-1.0},\"time\":" + (now - 60_000) + "}");
                    device.postMeasurePoints("{\"temp\":" + i + ".5}", now);
                    Thread.sleep(50);
                }
            }
            return null;
        });

        List<String> events = api.firstEvents(
                "/timeseries/live?productKey=" + watched.productKey() + "&deviceKey=watched&point=temp", 5);
        posting.set(false);
        posts.get(30, TimeUnit.SECONDS);
        devices.shutdown();

        assertThat(events).hasSize(5);
        for (String data : events) {
            JsonNode event = JSON.readTree(data);
            assertThat(event.get("deviceKey").asString()).isEqualTo("watched");
            assertThat(event.get("measurepoints").get("temp").asDouble()).isPositive();
            assertThat(event.get("dropped").asLong()).isZero();
        }
    }

    @Test
    void anotherTenantCannotSubscribeToTheseDevices() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api.ProvisionedDevice device = Api.forTenant(web, tenant).provisionDevice("m", Map.of("temp", "DOUBLE"), "d");
        Api attacker = Api.forTenant(web, PlatformTestEnvironment.newTenant());

        attacker.get(
                        "/timeseries/live?productKey=" + device.productKey() + "&deviceKey=d&point=temp",
                        MediaType.TEXT_EVENT_STREAM)
                .expectStatus()
                .isNotFound();
    }
}
