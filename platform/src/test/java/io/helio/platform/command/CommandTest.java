package io.helio.platform.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commands to a real device over MQTT: a SYNC service call answered with outputs, a measure-point
 * set, a device that does not answer, one that is not connected, an ASYNC command that waits for the
 * device to connect and one that expires; commands checked against the model, behind the tenant wall.
 */
@PlatformTest
class CommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    String product;
    String secret;
    String commands;
    ExecutorService responder = Executors.newSingleThreadExecutor();

    @BeforeEach
    void pump() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", """
                        {"modelId":"pump","name":"Pump","elements":{
                         "measurePoints":[{"identifier":"speed","type":{"dataType":"INT","min":0,"max":3000}}],
                         "services":[{"identifier":"flush","callType":"SYNC",
                           "inputs":[{"identifier":"seconds","type":{"dataType":"INT"}}],
                           "outputs":[{"identifier":"litres","type":{"dataType":"DOUBLE"}}]}]}}""").expectStatus().isCreated();
        product = api.createProduct("{\"name\":\"Pump\",\"modelId\":\"pump\"}");
        secret = api.createDevice(product, "{\"deviceKey\":\"p-1\",\"name\":\"p\"}");
        commands = "/products/" + product + "/devices/p-1/commands";
    }

    @AfterEach
    void stop() {
        responder.shutdownNow();
    }

    @Test
    void aSyncServiceCallReturnsTheDevicesOutputsAndIsRecorded() throws Exception {
        try (EnosDevice pump = connect()) {
            BlockingQueue<JsonNode> received = answer(
                    pump,
                    request -> "{\"id\":\"" + request.get("id").asString()
                            + "\",\"code\":200,\"data\":{\"litres\":12.5}}");

            JsonNode command = send("{\"serviceId\":\"flush\",\"params\":{\"seconds\":30}}", 200);
            assertThat(command.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(command.get("replyCode").asInt()).isEqualTo(200);
            assertThat(command.get("outputs").get("litres").asDouble()).isEqualTo(12.5);
            JsonNode request = received.poll(5, TimeUnit.SECONDS);
            assertThat(request.get("method").asString()).isEqualTo("thing.service.flush");
            assertThat(request.get("params").get("seconds").asInt()).isEqualTo(30);
            assertThat(request.get("id").asString())
                    .isEqualTo(command.get("commandId").asString());

            JsonNode read = api.getJson("/commands/" + command.get("commandId").asString());
            assertThat(read.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(read.has("completedAt")).isTrue();

            JsonNode set = send("{\"setMeasurePoints\":{\"speed\":1200}}", 200);
            assertThat(set.get("kind").asString()).isEqualTo("SET_MEASURE_POINTS");
            assertThat(received.poll(5, TimeUnit.SECONDS).get("method").asString())
                    .isEqualTo("thing.service.measurepoint.set");
        }
    }

    @Test
    void aDeviceThatAnswersWithAnErrorOrNotAtAllFailsOrTimesOut() throws Exception {
        try (EnosDevice pump = connect()) {
            answer(
                    pump,
                    request -> request.get("method").asString().endsWith("flush")
                            ? "{\"id\":\"" + request.get("id").asString() + "\",\"code\":1500,\"message\":\"jammed\"}"
                            : null);
            JsonNode failed = send("{\"serviceId\":\"flush\",\"params\":{\"seconds\":1}}", 200);
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("replyMessage").asString()).isEqualTo("jammed");

            long started = System.nanoTime();
            JsonNode silent = send("{\"setMeasurePoints\":{\"speed\":10},\"timeoutSeconds\":1}", 200);
            assertThat(silent.get("status").asString()).isEqualTo("TIMED_OUT");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void anAsyncCommandWaitsForItsDeviceToConnectOrExpires() throws Exception {
        expectNotConnected();
        JsonNode waiting = send("{\"serviceId\":\"flush\",\"params\":{\"seconds\":5},\"mode\":\"ASYNC\"}", 202);
        assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
        JsonNode expiring = send("{\"setMeasurePoints\":{\"speed\":5},\"mode\":\"ASYNC\",\"ttlSeconds\":1}", 202);
        Thread.sleep(2_500);

        try (EnosDevice pump = connect()) {
            // connected and subscribed to its reply topics, not yet to its command topics: nothing goes yet
            Thread.sleep(500);
            BlockingQueue<JsonNode> received = answer(
                    pump,
                    request ->
                            "{\"id\":\"" + request.get("id").asString() + "\",\"code\":200,\"data\":{\"litres\":3.0}}");
            JsonNode delivered = received.poll(10, TimeUnit.SECONDS);
            assertThat(delivered.get("id").asString())
                    .isEqualTo(waiting.get("commandId").asString());
            assertThat(awaitCommandStatus(waiting, "SUCCEEDED")
                            .get("outputs")
                            .get("litres")
                            .asDouble())
                    .isEqualTo(3.0);
            assertThat(received.poll(500, TimeUnit.MILLISECONDS))
                    .as("the expired command is not sent")
                    .isNull();
        }
        assertThat(api.getJson("/commands/" + expiring.get("commandId").asString())
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void aCommandReachesItsDeviceOnWhicheverNodeItIsConnectedTo() throws Exception {
        try (ConfigurableApplicationContext otherNode = PlatformTestEnvironment.anotherNode();
                EnosDevice pump = EnosDevice.connect(
                        "tcp://127.0.0.1:"
                                + otherNode.getBean(MoquetteDeviceGateway.class).port(),
                        product,
                        "p-1",
                        secret)) {
            BlockingQueue<JsonNode> received = answer(
                    pump,
                    request ->
                            "{\"id\":\"" + request.get("id").asString() + "\",\"code\":200,\"data\":{\"litres\":7.5}}");
            awaitStatus("ONLINE");

            // this node does not hold the device's session; the other one sends it the command
            JsonNode sync = send("{\"serviceId\":\"flush\",\"params\":{\"seconds\":30}}", 200);
            assertThat(sync.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(sync.get("outputs").get("litres").asDouble()).isEqualTo(7.5);
            assertThat(received.poll(5, TimeUnit.SECONDS).get("id").asString())
                    .isEqualTo(sync.get("commandId").asString());

            JsonNode async = send("{\"setMeasurePoints\":{\"speed\":900},\"mode\":\"ASYNC\"}", 202);
            assertThat(received.poll(5, TimeUnit.SECONDS).get("id").asString())
                    .isEqualTo(async.get("commandId").asString());
            awaitCommandStatus(async, "SUCCEEDED");

            // the other node misses the announcement while it is not listening, and catches up after
            WaitingCommands othersChannel = otherNode.getBean(WaitingCommands.class);
            othersChannel.stop();
            JsonNode missed = send("{\"setMeasurePoints\":{\"speed\":700},\"mode\":\"ASYNC\"}", 202);
            assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
            othersChannel.start();
            assertThat(received.poll(5, TimeUnit.SECONDS).get("id").asString())
                    .isEqualTo(missed.get("commandId").asString());
            awaitCommandStatus(missed, "SUCCEEDED");
        }
        // connected to no node: a SYNC command fails at once
        awaitStatus("OFFLINE");
        expectNotConnected();
    }

    /** A SYNC command for the device, which is connected to no node, fails at once. */
    private void expectNotConnected() {
        api.postJson(commands, "{\"serviceId\":\"flush\",\"params\":{\"seconds\":5}}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_NOT_CONNECTED");
    }

    private void awaitStatus(String status) throws InterruptedException {
        awaitStatus("/products/" + product + "/devices/p-1", status);
    }

    /** The command's record once it has this status (within 10 s). */
    private JsonNode awaitCommandStatus(JsonNode command, String status) throws InterruptedException {
        return awaitStatus("/commands/" + command.get("commandId").asString(), status);
    }

    private JsonNode awaitStatus(String path, String status) {
        JsonNode found = Eventually.read(
                () -> api.getJson(path),
                command -> command.get("status").asString().equals(status));
        assertThat(found.get("status").asString()).as(path).isEqualTo(status);
        return found;
    }

    @Test
    void commandsAreCheckedAgainstTheModelAndStayWithinTheirTenant() throws Exception {
        for (String invalid : new String[] {
            "{\"serviceId\":\"drain\"}",
            "{\"serviceId\":\"flush\",\"params\":{\"minutes\":1}}",
            "{\"serviceId\":\"flush\",\"params\":{\"seconds\":\"soon\"}}",
            "{\"setMeasurePoints\":{\"speed\":99999}}",
            "{\"getMeasurePoints\":[\"pressure\"]}",
            "{\"setMeasurePoints\":{\"speed\":1},\"getMeasurePoints\":[\"speed\"]}",
            "{}"
        }) {
            api.postJson(commands, invalid)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("COMMAND_INVALID");
        }
        JsonNode waiting = send("{\"getMeasurePoints\":[\"speed\"],\"mode\":\"ASYNC\"}", 202);

        Api attacker = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        attacker.postJson(commands, "{\"setMeasurePoints\":{\"speed\":1},\"mode\":\"ASYNC\"}")
                .expectStatus()
                .isNotFound();
        attacker.get("/commands/" + waiting.get("commandId").asString())
                .expectStatus()
                .isNotFound();
    }

    private EnosDevice connect() throws Exception {
        return EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), product, "p-1", secret);
    }

    /**
     * The device's commands, answered from another thread (Paho's callback must not publish and wait)
     * with what {@code reply} makes of each; null answers nothing.
     */
    private BlockingQueue<JsonNode> answer(EnosDevice device, Function<JsonNode, String> reply) throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        device.subscribe(device.topic("thing/service/#"), (topic, message) -> {
            if (topic.endsWith("_reply")) {
                return;
            }
            JsonNode request = JSON.readTree(message.getPayload());
            received.add(request);
            String answer = reply.apply(request);
            if (answer != null) {
                responder.submit(() -> {
                    device.mqtt().publish(topic + "_reply", answer.getBytes(StandardCharsets.UTF_8), 1, false);
                    return null;
                });
            }
        });
        return received;
    }

    private JsonNode send(String body, int status) {
        return api.postJson(commands, body)
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
