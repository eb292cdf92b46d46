package io.helio.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bad input at the device door: each kind gets its precise reply code, nothing of it is stored, the
 * session stays healthy; and random payloads do not stop the broker serving another device.
 */
@PlatformTest
class BadInputTest {

    private static final long NOW = System.currentTimeMillis();
    private static final Pattern CODE = Pattern.compile("\"code\":(\\d+)");
    private static final Set<Integer> CODES = Set.of(200, 429, 500, 1008, 1204, 1220, 1251, 1260);

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    String tenant;
    Api.ProvisionedDevice device;

    @BeforeEach
    void device() {
        tenant = PlatformTestEnvironment.newTenant();
        device = Api.forTenant(web, tenant).provisionDevice("m", Map.of("temp", "DOUBLE", "mode", "STRING"), "d-1");
    }

    @Test
    void eachKindOfBadInputGetsItsCodeAndNothingIsStored() throws Exception {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("{", 1220);
        cases.put("[1,2]", 1220);
        cases.put("{\"id\":\"1\",\"method\":\"thing.event.x.post\",\"params\":{}}", 1260);
        cases.put(post("{\"temp\":NaN}", NOW), 1220);
        cases.put(post("{\"temp\":Infinity}", NOW), 1220);
        cases.put(post("{\"temp\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", NOW), 1220);
        cases.put(post("{\"temp\":[" + "1,".repeat(50_000) + "1]}", NOW), 1204);
        cases.put(post("{\"pressure\":1.0}", NOW), 1204);
        cases.put(post("{\"temp\":\"warm\"}", NOW), 1204);
        cases.put(post("{\"temp\":21.5,\"mode\":7}", NOW), 1204);
        cases.put(post("{\"temp\":21.5}", 32_503_680_000_000L), 1204); // the year 3000
        cases.put(post("{\"temp\":21.5}", -5), 1204);
        cases.put(post("{}", NOW), 1204);

        try (EnosDevice meter = connect()) {
            for (Map.Entry<String, Integer> bad : cases.entrySet()) {
                String reply =
                        meter.request(meter.topic("thing/measurepoint/post"), bad.getKey(), Duration.ofSeconds(10));
                assertThat(code(reply))
                        .as(abbreviated(bad.getKey()) + " -> " + reply)
                        .isEqualTo(bad.getValue());
            }
            // the session is still healthy
            assertThat(meter.postMeasurePoints("{\"temp\":21.5}", NOW)).contains("\"code\":200");
        }
        assertThat(awaitStored(1)).isEqualTo(1);
    }

    @Test
    void randomPayloadsAreAnsweredAndAnotherDeviceIsServedMeanwhile() throws Exception {
        String other =
                Api.forTenant(web, tenant).createDevice(device.productKey(), "{\"deviceKey\":\"d-2\",\"name\":\"d\"}");
        ExecutorService fuzzing = Executors.newSingleThreadExecutor();
        Future<List<Integer>> fuzzed = fuzzing.submit(this::fuzz);
        List<String> healthy = new ArrayList<>();
        try (EnosDevice meter = EnosDevice.connect(brokerUrl(), device.productKey(), "d-2", other)) {
            for (int i = 0; i < 50; i++) {
                healthy.add(meter.postMeasurePoints("{\"temp\":" + i + ".5}", NOW - i));
            }
        }
        List<Integer> codes = fuzzed.get(120, TimeUnit.SECONDS);
        fuzzing.shutdown();

        assertThat(healthy).allMatch(reply -> reply.contains("\"code\":200"));
        assertThat(codes).hasSize(300).allMatch(CODES::contains);
        assertThat(codes).contains(1220, 1204);
    }

    /** 300 seeded random payloads, each answered: their reply codes. */
    private List<Integer> fuzz() throws Exception {
        Random random = new Random(20261126);
        List<Integer> codes = new ArrayList<>();
        try (EnosDevice meter = connect()) {
            for (int i = 0; i < 300; i++) {
                String payload = switch (random.nextInt(4)) {
                    case 0 -> randomText(random);
                    case 1 -> post("{\"temp\":" + randomValue(random, 3) + "}", NOW - random.nextInt(1_000_000));
                    case 2 ->
                        post("{\"" + randomText(random).replace("\"", "") + "\":" + randomValue(random, 3) + "}", NOW);
                    default ->
                        "{\"id\":\"" + i + "\",\"method\":\"thing.measurepoint.post\",\"params\":"
                                + randomValue(random, 4) + "}";
                };
                codes.add(code(meter.request(meter.topic("thing/measurepoint/post"), payload, Duration.ofSeconds(10))));
            }
        }
        return codes;
    }

    private static String randomValue(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(5) : random.nextInt(8)) {
            case 0 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(400) - 200));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "\"" + randomText(random).replace("\"", "'").replace("\\", "/") + "\"";
            case 4 -> "NaN";
            case 5 -> "[" + randomValue(random, depth - 1) + "," + randomValue(random, depth - 1) + "]";
            default -> "{\"temp\":" + randomValue(random, depth - 1) + ",\"x\":" + randomValue(random, depth - 1) + "}";
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append((char) (32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private static String post(String measurepoints, long time) {
        return "{\"id\":\"" + System.nanoTime() + "\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":" + measurepoints + ",\"time\":" + time + "}}";
    }

    private static int code(String reply) {
        Matcher code = CODE.matcher(reply);
        return code.find() ? Integer.parseInt(code.group(1)) : -1;
    }

    /** The points stored for the device, once they are {@code expected} or after 10 s. */
    private long awaitStored(long expected) {
        return PlatformTestEnvironment.awaitInfluxCount(
                "SELECT count(temp) FROM \"helio_" + tenant + "\"..\"" + device.productKey()
                        + "\" WHERE device = 'd-1'",
                expected);
    }

    private EnosDevice connect() throws Exception {
        return EnosDevice.connect(brokerUrl(), device.productKey(), device.deviceKey(), device.secret());
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    private static String abbreviated(String payload) {
        return payload.length() > 80 ? payload.substring(0, 80) + "…" : payload;
    }
}
