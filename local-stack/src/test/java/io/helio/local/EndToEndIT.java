package io.helio.local;

import static io.helio.local.Stacks.at;
import static io.helio.local.Stacks.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.HelioApiException;
import io.helio.sdk.HelioClient;
import io.helio.sdk.admin.model.AuditEvent;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantCreate;
import io.helio.sdk.admin.model.TenantUsage;
import io.helio.sdk.platform.model.AggregateFunction;
import io.helio.sdk.platform.model.AggregateSource;
import io.helio.sdk.platform.model.AggregatedDataPage;
import io.helio.sdk.platform.model.Command;
import io.helio.sdk.platform.model.CommandCreate;
import io.helio.sdk.platform.model.CreatedDevice;
import io.helio.sdk.platform.model.DataType;
import io.helio.sdk.platform.model.DeviceColumns;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.LatestValue;
import io.helio.sdk.platform.model.LiveMeasurePoints;
import io.helio.sdk.platform.model.Product;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.RawDataPage;
import io.helio.sdk.platform.model.RawDataRecord;
import io.helio.sdk.platform.model.ThingModelCreate;
import io.helio.sdk.platform.model.ThingModelElements;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole house, as separate processes on real PostgreSQL and influxd: an operator creates a
 * tenant and an application; the application creates a device through the SDK; the device posts
 * over MQTT the EnOS way; the application reads exactly that data back through the SDK.
 */
class EndToEndIT {

    /** A whole hour ago: within the tenant's raw retention, clear of any other test's points. */
    private static final long T0 = Instant.now()
            .truncatedTo(ChronoUnit.HOURS)
            .minus(1, ChronoUnit.HOURS)
            .toEpochMilli();

    /** Records of the large download: as a list they would take more than the platform's heap. */
    private static final int RECORDS = 2_000_000;

    static LocalStack stack;

    @BeforeAll
    static void startHelio() throws Exception {
        stack = Stacks.start("e2e");
    }

    @AfterAll
    static void stopHelio() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bothServicesShowTheirContractInABrowserWithEveryOperation() throws Exception {
        for (Map.Entry<String, String> service : Map.of(
                        stack.platformUrl(), "platform-api", stack.adminUrl(), "admin-api")
                .entrySet()) {
            Set<String> operations = ApiDocsBrowser.operationIds(service.getValue());
            assertThat(operations).hasSizeGreaterThan(10);

            String page = ApiDocsBrowser.render(service.getKey() + "/api-docs/index.html");

            assertThat(ApiDocsBrowser.missing(page, operations))
                    .as(service.getValue())
                    .isEmpty();
        }
    }

    @Test
    void aDevicesDataTravelsFromMqttToTheSdk() throws Exception {
        // given an operator who creates a tenant and its application
        HelioAdminClient operator = Stacks.operator(stack);
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name("Wind Co"));
        HelioClient app = Stacks.applicationOf(stack, operator, tenant);

        // and a device created by the application through the SDK
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("turbine")
                        .name("Wind turbine")
                        .elements(new ThingModelElements()
                                .measurePoints(List.of(
                                        point("speed", DataType.DOUBLE),
                                        point("yaw", DataType.INT),
                                        point("online", DataType.BOOL),
                                        point("fault", DataType.STRING)))));
        Product product = app.products()
                .createProduct(new ProductCreate().name("Turbine 3 MW").modelId("turbine"))
                .getProduct();
        CreatedDevice device = app.devices()
                .createDevice(
                        product.getProductKey(),
                        new DeviceCreate().name("Turbine 7").deviceKey("wtg-07"));

        // when the device connects over MQTT with its EnOS-signed credentials and posts twice
        try (EnosDevice turbine =
                EnosDevice.connect(stack.mqttUrl(), product.getProductKey(), "wtg-07", device.getDeviceSecret())) {
            assertThat(turbine.postMeasurePoints(
                            "{\"speed\":11.25,\"yaw\":270,\"online\":true,\"fault\":\"none\"}", T0))
                    .contains("\"code\":200");
            assertThat(turbine.postMeasurePoints("{\"speed\":12.5}", T0 + 1000)).contains("\"code\":200");
        }

        // then the application reads exactly that data back through the SDK
        RawDataPage page = app.timeSeries()
                .queryRawData(
                        product.getProductKey(),
                        List.of("wtg-07"),
                        List.of("speed", "yaw", "online", "fault"),
                        at(T0),
                        at(T0 + 60_000),
                        null,
                        100,
                        null);
        assertThat(page.getItems()).hasSize(2);
        RawDataRecord first = page.getItems().get(0);
        assertThat(first.getTime().toInstant()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(first.getMeasurepoints())
                .containsEntry("speed", 11.25)
                .containsEntry("yaw", 270)
                .containsEntry("online", true)
                .containsEntry("fault", "none");
        assertThat(page.getItems().get(1).getMeasurepoints())
                .containsOnlyKeys("speed")
                .containsEntry("speed", 12.5);
        // the same page as columns
        DeviceColumns columns = app.timeSeries()
                .queryRawDataColumns(
                        product.getProductKey(),
                        List.of("wtg-07"),
                        List.of("speed", "yaw"),
                        at(T0),
                        at(T0 + 60_000),
                        null,
                        100,
                        null)
                .getDevices()
                .get(0);
        assertThat(columns.getTimestamps()).containsExactly(T0, T0 + 1000);
        assertThat(columns.getMeasurepoints().get("speed")).containsExactly(11.25, 12.5);
        assertThat(columns.getMeasurepoints().get("yaw")).containsExactly(270, null);
        // and its latest value, and an aggregate that the minute rollup answers once the platform has
        // rolled up the late hour (the minute rollup's continuous query looks back 2 minutes only)
        LatestValue latest = app.timeSeries()
                .queryLatestData(product.getProductKey(), List.of("wtg-07"), List.of("speed"), null)
                .getItems()
                .get(0);
        assertThat(latest.getValue()).isEqualTo(12.5);
        assertThat(latest.getTimestamp()).isEqualTo(T0 + 1000);
        AggregatedDataPage minutes = awaitRolledUp(app, product.getProductKey());
        assertThat(minutes.getSource()).isEqualTo(AggregateSource.ROLLUP_1_M);
        assertThat(minutes.getItems().get(0).getMeasurepoints()).containsEntry("speed", (11.25 + 12.5) / 2);

        // and the operator sees the tenant's use against its quotas, as the platform reported it
        TenantUsage usage = awaitUsage(operator, tenant.getTenantId());
        assertThat(usage.getDevices().getUsed()).isEqualTo(1.0);
        assertThat(usage.getDevices().getQuota()).isEqualTo(10_000);
        assertThat(usage.getPointsPerSecond().getQuota()).isEqualTo(20_000);
    }

    @Test
    void newValuesReachALiveStreamThroughTheSdk() throws Exception {
        HelioAdminClient operator = Stacks.operator(stack);
        HelioClient app = Stacks.applicationOf(
                stack, operator, operator.tenants().createTenant(new TenantCreate().name("Live Co")));
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("meter")
                        .name("Meter")
                        .elements(new ThingModelElements().measurePoints(List.of(point("kwh", DataType.DOUBLE)))));
        String productKey = app.products()
                .createProduct(new ProductCreate().name("Meters").modelId("meter"))
                .getProduct()
                .getProductKey();
        String secret = app.devices()
                .createDevice(productKey, new DeviceCreate().name("m").deviceKey("m-1"))
                .getDeviceSecret();

        // the stream's answer begins with its first event: the device posts until one has come
        CompletableFuture<LiveMeasurePoints> first = CompletableFuture.supplyAsync(() -> {
            try (var live = app.liveMeasurePoints(productKey, List.of("m-1"), List.of("kwh"))) {
                return live.findFirst().orElseThrow();
            }
        });
        try (EnosDevice meter = EnosDevice.connect(stack.mqttUrl(), productKey, "m-1", secret)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!first.isDone() && System.nanoTime() < deadline) {
                assertThat(meter.postMeasurePoints("{\"kwh\":42.5}", System.currentTimeMillis()))
                        .contains("\"code\":200");
                Thread.sleep(100);
            }
        }

        LiveMeasurePoints event = first.get(5, TimeUnit.SECONDS);
        assertThat(event.getDeviceKey()).isEqualTo("m-1");
        assertThat(event.getMeasurepoints()).containsEntry("kwh", 42.5);
        assertThat(event.getDropped()).isZero();
    }

    @Test
    void aCommandWaitsForItsDeviceAndItsReplyIsRecordedThroughTheSdk() throws Exception {
        HelioAdminClient operator = Stacks.operator(stack);
        HelioClient app = Stacks.applicationOf(
                stack, operator, operator.tenants().createTenant(new TenantCreate().name("Control Co")));
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("valve")
                        .name("Valve")
                        .elements(new ThingModelElements().measurePoints(List.of(point("open", DataType.BOOL)))));
        String productKey = app.products()
                .createProduct(new ProductCreate().name("Valves").modelId("valve"))
                .getProduct()
                .getProductKey();
        String secret = app.devices()
                .createDevice(productKey, new DeviceCreate().name("v").deviceKey("v-1"))
                .getDeviceSecret();

        Command waiting = app.commands()
                .sendCommand(
                        productKey,
                        "v-1",
                        new CommandCreate()
                                .setMeasurePoints(Map.of("open", true))
                                .mode(CommandCreate.ModeEnum.ASYNC));
        assertThat(waiting.getStatus()).isEqualTo(Command.StatusEnum.PENDING);

        try (EnosDevice valve = EnosDevice.connect(stack.mqttUrl(), productKey, "v-1", secret)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            valve.subscribe(valve.topic("thing/service/measurepoint/set"), (topic, message) -> received.add(topic));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
            // answered from this thread: Paho's callback must not publish and wait
            valve.mqtt()
                    .publish(
                            valve.topic("thing/service/measurepoint/set_reply"),
                            ("{\"id\":\"" + waiting.getCommandId() + "\",\"code\":200,\"data\":{}}")
                                    .getBytes(StandardCharsets.UTF_8),
                            1,
                            false);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Command done = app.commands().getCommand(waiting.getCommandId());
            while (done.getStatus() != Command.StatusEnum.SUCCEEDED && System.nanoTime() < deadline) {
                Thread.sleep(50);
                done = app.commands().getCommand(waiting.getCommandId());
            }
            assertThat(done.getStatus()).isEqualTo(Command.StatusEnum.SUCCEEDED);
            assertThat(done.getReplyCode()).isEqualTo(200);
        }
    }

    @Test
    void aRangeLargerThanThePlatformsHeapStreamsThroughTheSdk() throws Exception {
        // given two million stored values (as a list of records they would take more than the
        // platform's 512 MB heap: some 400 bytes each)
        HelioAdminClient operator = Stacks.operator(stack);
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name("Big Data Co"));
        HelioClient app = Stacks.applicationOf(stack, operator, tenant);
        app.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("meter")
                        .name("Meter")
                        .elements(new ThingModelElements().measurePoints(List.of(point("kwh", DataType.INT)))));
        Product product = app.products()
                .createProduct(new ProductCreate().name("Meters").modelId("meter"))
                .getProduct();
        app.devices()
                .createDevice(
                        product.getProductKey(), new DeviceCreate().name("m").deviceKey("m-1"));
        long start = T0 - RECORDS * 1000L;
        writeStraightToInflux(tenant.getTenantId(), product.getProductKey(), start);
        long platform = stack.platformPid();

        // when the application reads the whole range, a record at a time
        long counted;
        long sum;
        try (var records =
                app.streamRawRecords(product.getProductKey(), List.of("m-1"), List.of("kwh"), at(start), at(T0))) {
            long[] totals = new long[2];
            records.forEach(record -> {
                totals[0]++;
                totals[1] += ((Number) record.getMeasurepoints().get("kwh")).longValue();
            });
            counted = totals[0];
            sum = totals[1];
        }

        // then every record arrived, and the platform (which exits on running out of memory) lives on
        assertThat(counted).isEqualTo(RECORDS);
        assertThat(sum).isEqualTo((long) RECORDS * (RECORDS - 1) / 2);
        assertThat(stack.platformPid()).isEqualTo(platform);
        assertThat(ProcessHandle.of(platform).map(ProcessHandle::isAlive)).contains(true);
    }

    /** {@code kwh} = 0, 1, 2, ... once a second from {@code start}, in batches of 100,000 lines. */
    private static void writeStraightToInflux(String tenantId, String productKey, long start) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI write = URI.create(stack.influxUrl() + "/write?precision=ms&db=helio_" + tenantId);
        for (int from = 0; from < RECORDS; from += 100_000) {
            StringBuilder lines = new StringBuilder(100_000 * 48);
            for (int i = from; i < from + 100_000; i++) {
                lines.append(productKey).append(",device=m-1 kwh=").append(i).append("i ");
                lines.append(start + i * 1000L).append('\n');
            }
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(write)
                            .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        }
    }

    /** The minute averages of the first ten minutes once the rollup holds them (the platform repairs it every second here). */
    private static AggregatedDataPage awaitRolledUp(HelioClient app, String productKey) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            AggregatedDataPage page = app.timeSeries()
                    .queryAggregatedData(
                            productKey,
                            List.of("wtg-07"),
                            List.of("speed"),
                            at(T0),
                            at(T0 + 600_000),
                            "1m",
                            AggregateFunction.AVG,
                            null,
                            "UTC",
                            null);
            if (!page.getItems().isEmpty() || System.nanoTime() > deadline) {
                return page;
            }
            Thread.sleep(200);
        }
    }

    /** The tenant's usage once the platform has reported its device (it reports every second here). */
    private static TenantUsage awaitUsage(HelioAdminClient operator, String tenantId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        TenantUsage usage = operator.usage().getTenantUsage(tenantId);
        while (usage.getDevices().getUsed() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            usage = operator.usage().getTenantUsage(tenantId);
        }
        return usage;
    }

    @Test
    void anotherTenantSeesNoneOfItAndAForgedDeviceIsRefused() throws Exception {
        HelioAdminClient operator = Stacks.operator(stack);
        HelioClient tenantA =
                Stacks.applicationOf(stack, operator, operator.tenants().createTenant(new TenantCreate().name("A")));
        HelioClient tenantB =
                Stacks.applicationOf(stack, operator, operator.tenants().createTenant(new TenantCreate().name("B")));
        tenantA.thingModels()
                .createThingModel(new ThingModelCreate()
                        .modelId("meter")
                        .name("Meter")
                        .elements(new ThingModelElements().measurePoints(List.of(point("kwh", DataType.DOUBLE)))));
        Product product = tenantA.products()
                .createProduct(new ProductCreate().name("Meter").modelId("meter"))
                .getProduct();
        CreatedDevice device = tenantA.devices()
                .createDevice(
                        product.getProductKey(), new DeviceCreate().name("m1").deviceKey("m1"));

        assertThatThrownBy(() -> tenantB.devices().getDevice(product.getProductKey(), "m1"))
                .isInstanceOfSatisfying(
                        HelioApiException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("DEVICE_NOT_FOUND"));
        assertThatThrownBy(() -> tenantB.timeSeries()
                        .queryRawData(
                                product.getProductKey(),
                                List.of("m1"),
                                List.of("kwh"),
                                at(T0),
                                at(T0 + 1),
                                null,
                                10,
                                null))
                .isInstanceOf(HelioApiException.NotFound.class);
        String forged = EnosDevice.sign("guess", "m1", "m1", product.getProductKey(), "1");
        assertThatThrownBy(
                        () -> EnosDevice.connectWith(stack.mqttUrl(), product.getProductKey(), "m1", "m1", "1", forged))
                .isInstanceOf(MqttSecurityException.class);
        assertThat(device.getDeviceSecret()).isNotBlank();
    }

    @Test
    void aSuspendedTenantIsRefusedUntilResumedAndADeletedOneForGood() throws Exception {
        HelioAdminClient operator = Stacks.operator(stack);
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name("Paused"));
        HelioClient app = Stacks.applicationOf(stack, operator, tenant);
        assertThat(app.thingModels().listThingModels(null, null, 10, null).getItems())
                .isEmpty();

        operator.tenants().suspendTenant(tenant.getTenantId());
        awaitRefusal(app, "TENANT_SUSPENDED");

        operator.tenants().resumeTenant(tenant.getTenantId());
        awaitRefusal(app, null);

        operator.tenants().deleteTenant(tenant.getTenantId(), tenant.getTenantId());
        awaitRefusal(app, "TENANT_DELETED");

        // and the audit log, which outlives the tenant, tells the story newest first
        assertThat(operator.audit()
                        .listAuditEvents(tenant.getTenantId(), LocalStack.OPERATOR_ID, null, 10)
                        .getItems())
                .extracting(AuditEvent::getAction)
                .containsExactly(
                        "DELETE /tenants/{tenantId}",
                        "POST /tenants/{tenantId}/resume",
                        "POST /tenants/{tenantId}/suspend",
                        "POST /tenants/{tenantId}/applications",
                        "POST /tenants");
    }

    /** The platform caches tenants' status for 2 s in the local stack. */
    private static void awaitRefusal(HelioClient app, String code) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String seen = "none";
        while (System.nanoTime() < deadline) {
            try {
                app.thingModels().listThingModels(null, null, 1, null);
                seen = null;
            } catch (HelioApiException e) {
                seen = e.code();
            } catch (Exception e) {
                seen = e.toString();
            }
            if (Objects.equals(seen, code)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(seen).isEqualTo(code);
    }

    @Test
    void everyModelManagementOperationRoundTripsThroughTheSdk() throws Exception {
        HelioAdminClient operator = Stacks.operator(stack);
        Tenant tenant = operator.tenants().createTenant(new TenantCreate().name("Round trips"));
        SdkRoundTrips.modelsProductsDevicesAndAssets(Stacks.applicationOf(stack, operator, tenant));

        // and the platform's writes reach the tenant's audit log in tenant-admin within seconds
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<AuditEvent> platformWrites = List.of();
        while (platformWrites.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            platformWrites =
                    operator.audit().listAuditEvents(tenant.getTenantId(), null, null, 1000).getItems().stream()
                            .filter(event -> event.getService() == AuditEvent.ServiceEnum.PLATFORM)
                            .toList();
        }
        assertThat(platformWrites)
                .extracting(AuditEvent::getAction)
                .contains("POST /thing-models", "POST /products/{productKey}/devices");
    }
}
