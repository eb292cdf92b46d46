package io.helio.local;

import static io.helio.local.Stacks.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.CreatedDevice;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.MeasurePointDefinition;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.RawDataRecord;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import io.helio.sdk.platform.model.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device may trust a code 200: what the platform acknowledged is stored, even when InfluxDB is
 * down and the platform is then killed outright (kill -9) before InfluxDB is back.
 */
class DurabilityIT {

    private static final long T0 = Instant.now()
            .truncatedTo(ChronoUnit.HOURS)
            .minus(2, ChronoUnit.HOURS)
            .toEpochMilli();

    static LocalStack stack;

    @BeforeAll
    static void startHelio() throws Exception {
        stack = Stacks.start("durability");
    }

    @AfterAll
    static void stopHelio() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyAcknowledgedPointSurvivesAnInfluxOutageAndAPlatformCrash() throws Exception {
        // given a device of a tenant
        HelioClient app = Stacks.newTenantApplication(stack, "Durable");
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("counter")
                        .name("Counter")
                        .elements(new ThingModelElements()
                                .measurePoints(List.of(new MeasurePointDefinition()
                                        .identifier("n")
                                        .type(new ValueType().dataType(DataType.INT))))));
        String productKey = app.products()
                .createProduct(new ProductCreate().name("Counter").modelId("counter"))
                .getProduct()
                .getProductKey();
        CreatedDevice device = app.devices()
                .createDevice(productKey, new DeviceCreate().name("c").deviceKey("c-1"));
        Set<Long> acknowledged = new TreeSet<>();

        // when it posts while InfluxDB is up, then while it is down, and the platform is killed
        post(productKey, device.getDeviceSecret(), 0, 50, acknowledged);
        stack.stopInfluxd();
        post(productKey, device.getDeviceSecret(), 50, 100, acknowledged);
        stack.killPlatform();
        // and InfluxDB and the platform come back, and the device goes on
        stack.startInfluxd();
        stack.restartPlatform();
        post(productKey, device.getDeviceSecret(), 100, 120, acknowledged);

        // then every acknowledged point is stored (those acknowledged while InfluxDB was down too)
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100).contains(50L, 99L);
        assertThat(awaitStored(app, productKey, acknowledged.size())).containsAll(acknowledged);
    }

    /** Posts n = from..to-1 at T0 + n ms, each once, keeping the ones answered 200. */
    private static void post(String productKey, String secret, long from, long to, Set<Long> acknowledged)
            throws Exception {
        try (EnosDevice counter = EnosDevice.connect(stack.mqttUrl(), productKey, "c-1", secret)) {
            for (long n = from; n < to; n++) {
                if (counter.postMeasurePoints("{\"n\":" + n + "}", T0 + n).contains("\"code\":200")) {
                    acknowledged.add(n);
                }
            }
        }
    }

    private static List<Long> awaitStored(HelioClient app, String productKey, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Long> stored = List.of();
        while (stored.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stored = stored(app, productKey);
        }
        return stored;
    }

    private static List<Long> stored(HelioClient app, String productKey) throws Exception {
        List<Long> values = new ArrayList<>();
        for (RawDataRecord record : app.timeSeries()
                .queryRawData(productKey, List.of("c-1"), List.of("n"), at(T0), at(T0 + 1_000), null, 1_000, null)
                .getItems()) {
            values.add(((Number) record.getMeasurepoints().get("n")).longValue());
        }
        return values;
    }
}
