package io.helio.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A device's events are checked against the event its model defines and stored beside its points. */
@PlatformTest
class EventPostTest {

    private static final long T0 = System.currentTimeMillis() - 3_600_000;

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void anEventOfTheModelIsStoredAndAnythingElseIsRefusedWithItsReason() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        api.postJson("/thing-models", """
                {"modelId":"pump","name":"Pump","elements":{"events":[{"identifier":"overheat","outputs":[
                  {"identifier":"level","type":{"dataType":"INT","min":1,"max":5}},
                  {"identifier":"note","type":{"dataType":"STRING","maxLength":32}}]}]}}""").expectStatus().isCreated();
        String product = api.createProduct("{\"name\":\"Pump\",\"modelId\":\"pump\"}");
        String secret = api.createDevice(product, "{\"deviceKey\":\"p-1\",\"name\":\"p\"}");

        try (EnosDevice pump = EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), product, "p-1", secret)) {
            assertThat(event(pump, "overheat", "{\"level\":3,\"note\":\"bearing\"}"))
                    .contains("\"code\":200");
            assertThat(event(pump, "flood", "{\"level\":3}")).contains("\"code\":1204", "flood");
            assertThat(event(pump, "overheat", "{\"level\":9}")).contains("\"code\":1204", "level");
            assertThat(event(pump, "overheat", "{\"speed\":1}")).contains("\"code\":1204", "speed");
        }

        String stored = PlatformTestEnvironment.awaitInfluxAnswer(
                "SELECT * FROM \"helio_" + tenant + "\"..\"" + product + ".events\" WHERE time >= " + T0 + "ms",
                answer -> answer.contains("[" + T0 + ","));
        assertThat(stored)
                .contains(
                        "\"device\"",
                        "\"event\"",
                        "\"level\"",
                        "\"note\"",
                        "[" + T0 + ",\"p-1\",\"overheat\",3,\"bearing\"]");
        assertThat(stored.split("\\[" + T0, -1)).hasSize(2);
    }

    private static String event(EnosDevice device, String eventId, String outputs) throws Exception {
        return device.request(
                device.topic("thing/event/" + eventId + "/post"),
                "{\"id\":\"" + device.nextId() + "\",\"version\":\"1.0\",\"method\":\"thing.event." + eventId
                        + ".post\",\"params\":{\"events\":" + outputs + ",\"time\":" + T0 + "}}",
                Duration.ofSeconds(10));
    }
}
