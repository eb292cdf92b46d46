package io.helio.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A tenant's messages and points a second are limited at the device door: beyond them devices are
 * answered 429 and nothing of theirs is stored, and another tenant's devices carry on unhindered. So
 * is the number of its devices connected at once.
 */
@PlatformTest
class DeviceQuotaTest {

    private static final long T0 = System.currentTimeMillis() - 3_600_000;

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void beyondItsMessageRateATenantsDeviceIsAnswered429AndOnlyWhatWas200IsStored() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setDeviceRates(tenant, 5, 1_000);
        Api.ProvisionedDevice device = Api.forTenant(web, tenant).provisionDevice("m", Map.of("v", "INT"), "m-1");

        Counts counts = new Counts();
        try (EnosDevice meter = connect(device)) {
            for (int i = 0; i < 30; i++) {
                counts.add(meter.postMeasurePoints("{\"v\":" + i + "}", T0 + i));
            }
        }

        // the bucket holds a second's worth and refills as the posts go (a slow machine refills more)
        assertThat(counts.rateLimited.get()).isPositive();
        assertThat(counts.acknowledged.get()).isGreaterThanOrEqualTo(5);
        assertThat(counts.other.get()).isZero();
        assertThat(awaitStored(tenant, device, counts.acknowledged.get())).isEqualTo(counts.acknowledged.get());
    }

    @Test
    void pointsCountAgainstThePointRate() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setDeviceRates(tenant, 1_000, 12);
        Api.ProvisionedDevice device = Api.forTenant(web, tenant)
                .provisionDevice("m", Map.of("a", "INT", "b", "INT", "c", "INT", "d", "INT"), "m-1");

        Counts counts = new Counts();
        try (EnosDevice meter = connect(device)) {
            for (int i = 0; i < 12; i++) {
                counts.add(meter.postMeasurePoints("{\"a\":1,\"b\":2,\"c\":3,\"d\":" + i + "}", T0 + i));
            }
        }

        // a second's worth is 12 points: three messages of four at once, then one a third of a second
        assertThat(counts.acknowledged.get()).isGreaterThanOrEqualTo(3);
        assertThat(counts.rateLimited.get()).isPositive();
        assertThat(counts.other.get()).isZero();
        assertThat(awaitStored(tenant, device, counts.acknowledged.get())).isEqualTo(counts.acknowledged.get());
    }

    @Test
    void aTenantFarBeyondItsQuotaDoesNotHinderAnother() throws Exception {
        // given a noisy tenant allowed 5 messages a second, and a quiet one
        String noisy = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setDeviceRates(noisy, 5, 1_000);
        String quiet = PlatformTestEnvironment.newTenant();
        Api noisyApi = Api.forTenant(web, noisy);
        List<Api.ProvisionedDevice> noisyDevices = new ArrayList<>();
        noisyDevices.add(noisyApi.provisionDevice("m", Map.of("v", "INT"), "n-0"));
        String noisyProduct = noisyDevices.get(0).productKey();
        for (int i = 1; i < 4; i++) {
            String secret = noisyApi.createDevice(noisyProduct, "{\"deviceKey\":\"n-" + i + "\",\"name\":\"n\"}");
            noisyDevices.add(new Api.ProvisionedDevice(noisyProduct, "n-" + i, secret));
        }
        Api.ProvisionedDevice quietDevice = Api.forTenant(web, quiet).provisionDevice("m", Map.of("v", "INT"), "q-1");

        // when the noisy tenant's devices post as fast as they are answered
        Counts noise = new Counts();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService flood = Executors.newFixedThreadPool(noisyDevices.size());
        List<Future<?>> floods = new ArrayList<>();
        for (Api.ProvisionedDevice device : noisyDevices) {
            floods.add(flood.submit(() -> {
                try (EnosDevice meter = connect(device)) {
                    for (int i = 0; flooding.get(); i++) {
                        noise.add(meter.postMeasurePoints("{\"v\":" + i + "}", T0 + i));
                    }
                }
                return null;
            }));
        }
        // and meanwhile the quiet tenant's device posts 50 messages
        Counts quietCounts = new Counts();
        long started = System.nanoTime();
        try (EnosDevice meter = connect(quietDevice)) {
            for (int i = 0; i < 50; i++) {
                quietCounts.add(meter.postMeasurePoints("{\"v\":" + i + "}", T0 + i));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        flooding.set(false);
        for (Future<?> each : floods) {
            each.get(30, TimeUnit.SECONDS);
        }
        flood.shutdown();

        // then the noisy tenant went far beyond its quota and was turned away, and the quiet one not at all
        double noisyRate = (noise.acknowledged.get() + noise.rateLimited.get()) / seconds;
        assertThat(noisyRate).isGreaterThan(10 * 5);
        assertThat(noise.rateLimited.get()).isGreaterThan(noise.acknowledged.get());
        assertThat(quietCounts.acknowledged.get())
                .as("acknowledged; %d answered 429, others: %s", quietCounts.rateLimited.get(), quietCounts.unexpected)
                .isEqualTo(50);
        assertThat(awaitStored(quiet, quietDevice, 50)).isEqualTo(50);
    }

    @Test
    void aTenantHoldsNoMoreDeviceConnectionsThanItsQuotaAllows() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.setConnectedDevices(tenant, 2);
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice first = api.provisionDevice("m", Map.of("v", "INT"), "c-0");
        Api.ProvisionedDevice second = new Api.ProvisionedDevice(
                first.productKey(),
                "c-1",
                api.createDevice(first.productKey(), "{\"deviceKey\":\"c-1\",\"name\":\"c\"}"));
        Api.ProvisionedDevice third = new Api.ProvisionedDevice(
                first.productKey(),
                "c-2",
                api.createDevice(first.productKey(), "{\"deviceKey\":\"c-2\",\"name\":\"c\"}"));
        String otherTenant = PlatformTestEnvironment.newTenant();
        Api.ProvisionedDevice otherTenantsDevice =
                Api.forTenant(web, otherTenant).provisionDevice("m", Map.of("v", "INT"), "o-1");

        try (EnosDevice one = connect(first)) {
            try (EnosDevice two = connect(second)) {
                // the quota is reached: a third device is refused at CONNECT
                assertThatThrownBy(() -> connect(third)).isInstanceOf(MqttSecurityException.class);
                // a device already connected may open another session, and another tenant is not limited
                try (EnosDevice twoAgain = connectAs(second, "c-1-second-session");
                        EnosDevice other = connect(otherTenantsDevice)) {
                    assertThat(twoAgain.postMeasurePoints("{\"v\":1}", T0)).contains("\"code\":200");
                    assertThat(other.postMeasurePoints("{\"v\":1}", T0)).contains("\"code\":200");
                }
                assertThat(one.postMeasurePoints("{\"v\":1}", T0)).contains("\"code\":200");
            }
            // once a device has left, the third one gets its place
            try (EnosDevice three = connectWhenAdmitted(third)) {
                assertThat(three.postMeasurePoints("{\"v\":1}", T0)).contains("\"code\":200");
            }
        }
    }

    /** The broker learns of a disconnect a moment after the client has sent it. */
    private EnosDevice connectWhenAdmitted(Api.ProvisionedDevice device) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return connect(device);
            } catch (MqttSecurityException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(50);
            }
        }
    }

    private EnosDevice connectAs(Api.ProvisionedDevice device, String clientId) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis());
        return EnosDevice.connectWith(
                "tcp://127.0.0.1:" + gateway.port(),
                device.productKey(),
                device.deviceKey(),
                clientId,
                timestamp,
                EnosDevice.sign(device.secret(), clientId, device.deviceKey(), device.productKey(), timestamp));
    }

    private EnosDevice connect(Api.ProvisionedDevice device) throws Exception {
        return EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(), device.productKey(), device.deviceKey(), device.secret());
    }

    /** The messages stored for the device (its first point's count), once they are {@code expected} or after 10 s. */
    private static long awaitStored(String tenant, Api.ProvisionedDevice device, long expected) {
        return PlatformTestEnvironment.awaitInfluxCount(
                "SELECT count(*) FROM \"helio_" + tenant + "\"..\"" + device.productKey() + "\" WHERE device = '"
                        + device.deviceKey() + "'",
                expected);
    }

    /** Replies by code. */
    private static final class Counts {
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger rateLimited = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        /** The replies that were neither 200 nor 429, for a failure to show. */
        final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

        void add(String reply) {
            if (reply.contains("\"code\":200")) {
                acknowledged.incrementAndGet();
            } else if (reply.contains("\"code\":429")) {
                rateLimited.incrementAndGet();
            } else {
                other.incrementAndGet();
                unexpected.add(reply);
            }
        }
    }
}
