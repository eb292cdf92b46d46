package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.helio.infra.FreePort;
import io.helio.local.LinkProxy;
import io.helio.local.LocalEdge;
import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.CommandCreate;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.ProductCreate;
import io.helio.sdk.platform.model.ProductType;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An edge bridge (its own process) between simulated site devices and the whole system, against
 * the same devices connected to the platform directly, in the same run: what the edge adds to
 * throughput; how fast it replays what it buffered during an outage of its link; and a command's
 * round trip to a device behind it against one connected directly.
 *
 * <p>{@code ./helio bench edge [devices] [seconds a phase] [outage seconds] [outage messages/s]}
 */
public final class EdgeBenchmark {

    private static final int POINTS = 10;
    private static final int WINDOW = 8;
    private static final int COMMAND_CALLS = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int devices = BenchRun.argument(args, 0, 100);
        int seconds = BenchRun.argument(args, 1, 20);
        int outageSeconds = BenchRun.argument(args, 2, 300);
        int outageRate = BenchRun.argument(args, 3, 1_000);
        StringBuilder report = BenchRun.report("Helio edge benchmark")
                .append(String.format(
                        "%d site devices (Netty MQTT clients, QoS 1) posting %d DOUBLE points a message; %d s phases"
                                + " once the platform (and the edge) warmed up on them (see SteadyState); an outage of %d s at %,d messages/s; the edge, the platform,"
                                + " tenant-admin, influxd and PostgreSQL on the same machine.%n%n",
                        devices, POINTS, seconds, outageSeconds, outageRate));
        EventLoopGroup loops = new NioEventLoopGroup(2);
        ExecutorService answering = Executors.newSingleThreadExecutor();
        try (BenchRun run = BenchRun.start("edge")) {
            LocalStack stack = run.stack();
            Fleet fleet = Fleet.create(stack, POINTS, devices);
            HelioClient app = fleet.tenant().app();
            String gateways = app.products()
                    .createProduct(new ProductCreate()
                            .name("gateways")
                            .modelId("bench")
                            .type(ProductType.GATEWAY))
                    .getProduct()
                    .getProductKey();
            String gatewaySecret = app.devices()
                    .createDevice(gateways, new DeviceCreate().name("gw").deviceKey("gw-1"))
                    .getDeviceSecret();
            Stored stored = new Stored(stack.influxUrl(), fleet.tenant());
            try (LinkProxy link = new LinkProxy(stack.edgePort());
                    LocalEdge edge =
                            startEdge(run.folder().resolve("edge"), link, fleet, devices, gateways, gatewaySecret)) {
                awaitTopology(app, gateways, devices);
                throughput(report, fleet, loops, stack, edge, stored, devices, seconds);
                replay(report, fleet, loops, edge, link, stored, devices, outageSeconds, outageRate);
                commands(report, app, fleet, stack, edge, answering);
            }
        } finally {
            answering.shutdownNow();
            loops.shutdownGracefully().await(10, TimeUnit.SECONDS);
        }
        BenchRun.write("edge-bench-report.md", report);
    }

    /** Devices posting as fast as they are answered, to the platform directly, then through the edge. */
    private static void throughput(
            StringBuilder report,
            Fleet fleet,
            EventLoopGroup loops,
            LocalStack stack,
            LocalEdge edge,
            Stored stored,
            int devices,
            int seconds)
            throws Exception {
        List<SimulatedDevice> direct = fleet.connect(loops, URI.create(stack.mqttUrl()), 0, devices, new Recorder());
        Recorder.warmUp(direct, WINDOW, stack.platformPid());
        Recorder directly = Recorder.measure(direct, seconds, device -> device.postClosedLoop(WINDOW));
        direct.forEach(SimulatedDevice::close);

        List<SimulatedDevice> site = fleet.connect(loops, URI.create(edge.mqttUrl()), 0, devices, new Recorder());
        Recorder.warmUp(site, WINDOW, stack.platformPid(), edge.pid());
        AtomicLong storedAtOpen = new AtomicLong();
        AtomicLong storedAtClose = new AtomicLong();
        Recorder viaEdge = Recorder.measure(
                site,
                seconds,
                device -> device.postClosedLoop(WINDOW),
                () -> storedAtOpen.set(stored.messages()),
                () -> storedAtClose.set(stored.messages()));
        site.forEach(SimulatedDevice::close);
        double cloudPointsPerSecond = (storedAtClose.get() - storedAtOpen.get()) * POINTS / viaEdge.seconds();

        report.append("## Throughput\n\n| | measure points/s | reply p50 | reply p99 |\n| --- | ---: | ---: | ---: |\n")
                .append(throughputRow("devices → platform, acknowledged (baseline)", directly))
                .append(throughputRow("devices → edge, acknowledged (in the edge's buffer)", viaEdge))
                .append(String.format(
                        "| edge → platform, stored in InfluxDB in the same window | %,.0f | | |%n%n",
                        cloudPointsPerSecond))
                .append(String.format(
                        "Ratio stored through the edge / acknowledged directly: **%.2f**; %d devices keeping %d posts in"
                                + " flight each.%n%n",
                        cloudPointsPerSecond / directly.pointsPerSecond(), devices, WINDOW));
    }

    /** The link cut while devices post at a steady rate; then restored: how fast the buffer empties. */
    private static void replay(
            StringBuilder report,
            Fleet fleet,
            EventLoopGroup loops,
            LocalEdge edge,
            LinkProxy link,
            Stored stored,
            int devices,
            int outageSeconds,
            int outageRate)
            throws Exception {
        long before = awaitQuiet(stored);
        List<SimulatedDevice> site = fleet.connect(loops, URI.create(edge.mqttUrl()), 0, devices, new Recorder());
        Recorder outage = new Recorder();
        site.forEach(device -> device.record(outage));
        link.cut();
        outage.start();
        long periodMicros = (long) (1e6 * devices / outageRate);
        Pacer pacer = new Pacer(periodMicros);
        site.forEach(pacer::on);
        Thread.sleep(outageSeconds * 1_000L);
        pacer.stop();
        Thread.sleep(2_000);
        outage.stop();
        site.forEach(SimulatedDevice::close);
        long buffered = outage.acknowledged();

        long restored = System.nanoTime();
        link.restore();
        long deadline = restored + TimeUnit.MINUTES.toNanos(10);
        long firstStored = 0;
        long arrived = 0;
        while (arrived < buffered && System.nanoTime() < deadline) {
            Thread.sleep(100);
            arrived = stored.messages() - before;
            if (arrived > 0 && firstStored == 0) {
                firstStored = System.nanoTime();
            }
        }
        long drained = System.nanoTime();
        double replaySeconds = (drained - firstStored) / 1e9;
        report.append(String.format(
                "## Replay after an outage of %d s%n%n%,d messages (%,d points) acknowledged by the edge while its link"
                        + " was cut (%d refused). After the link came back the edge reconnected within %.1f s (it"
                        + " waits up to 30 s between attempts), then %,d of them were stored in %.1f s: **%,.0f"
                        + " messages/s (%,.0f points/s)**.%n%n",
                outageSeconds,
                buffered,
                buffered * POINTS,
                outage.refused(),
                (firstStored - restored) / 1e9,
                arrived,
                replaySeconds,
                arrived / replaySeconds,
                arrived * POINTS / replaySeconds));
    }

    /** SYNC commands one after another to a device behind the edge, and to one connected directly. */
    private static void commands(
            StringBuilder report,
            HelioClient app,
            Fleet fleet,
            LocalStack stack,
            LocalEdge edge,
            ExecutorService answering)
            throws Exception {
        String productKey = fleet.tenant().productKey();
        String directSecret = app.devices()
                .createDevice(productKey, new DeviceCreate().name("direct").deviceKey("direct-1"))
                .getDeviceSecret();
        CommandCreate set = new CommandCreate().setMeasurePoints(Map.of("p0", 1.5));
        RoundTrips.Timed direct;
        RoundTrips.Timed viaEdge;
        try (EnosDevice device = EnosDevice.connect(stack.mqttUrl(), productKey, "direct-1", directSecret)) {
            RoundTrips.answerCommands(device, answering);
            direct = RoundTrips.time(
                    COMMAND_CALLS, RoundTrips.command(app, productKey, "direct-1", set), stack.platformPid());
        }
        try (EnosDevice device = EnosDevice.connect(edge.mqttUrl(), productKey, "d0", fleet.secret(0))) {
            RoundTrips.answerCommands(device, answering);
            viaEdge = RoundTrips.time(
                    COMMAND_CALLS, RoundTrips.command(app, productKey, "d0", set), stack.platformPid(), edge.pid());
        }
        report.append(String.format(
                        "## Command round trip%n%n%d SYNC commands (set a measure point) one after another through the"
                                + " SDK, once the platform (and the edge) warmed up on them; the device answers each at"
                                + " once.%n%n",
                        COMMAND_CALLS))
                .append(RoundTrips.header("round trip"))
                .append(RoundTrips.row("application → platform → device over MQTT → reply recorded (baseline)", direct))
                .append(RoundTrips.row("application → platform → edge (RSocket) → device → reply recorded", viaEdge))
                .append(String.format(
                        "%nRatio of the p99s (edge / direct): **%.2f**; target: p99 < 20 ms on loopback.%n",
                        viaEdge.latencies().percentileMillis(0.99)
                                / direct.latencies().percentileMillis(0.99)));
    }

    private static LocalEdge startEdge(
            Path folder, LinkProxy link, Fleet fleet, int devices, String gateways, String gatewaySecret)
            throws Exception {
        Files.createDirectories(folder);
        StringBuilder config = new StringBuilder(String.format(
                "helio:%n  edge:%n    cloud: {host: 127.0.0.1, port: %d}%n"
                        + "    gateway: {product-key: %s, device-key: gw-1, device-secret: %s}%n    devices:%n",
                link.port(), gateways, gatewaySecret));
        for (int i = 0; i < devices; i++) {
            config.append(String.format(
                    "      - {product-key: %s, device-key: d%d, device-secret: %s}%n",
                    fleet.tenant().productKey(), i, fleet.secret(i)));
        }
        Path file = folder.resolve("edge.yml");
        Files.writeString(file, config);
        return LocalEdge.start(BenchRun.home(), file, folder, FreePort.next());
    }

    private static void awaitTopology(HelioClient app, String gateways, int devices) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.devices().listSubDevices(gateways, "gw-1").getItems().size() < devices) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the edge did not add its devices to the gateway within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** The stored count once it has stopped moving (the edge's buffer is empty). */
    private static long awaitQuiet(Stored stored) throws InterruptedException {
        long last = -1;
        long now = stored.messages();
        while (now != last) {
            Thread.sleep(2_000);
            last = now;
            now = stored.messages();
        }
        return now;
    }

    private static String throughputRow(String what, Recorder recorder) {
        return String.format(
                "| %s | %,.0f | %.1f ms | %.1f ms |%n",
                what, recorder.pointsPerSecond(), recorder.percentileMillis(0.50), recorder.percentileMillis(0.99));
    }

    /** How many of the fleet's messages InfluxDB holds (each message stores {@code p0} once, at a time of its own). */
    private record Stored(String influxUrl, BenchTenant tenant) {

        long messages() {
            String query = "SELECT count(p0) FROM \"" + tenant.productKey() + "\"";
            String answer = BenchHttp.get(influxUrl + "/query?db=helio_" + tenant.tenantId() + "&q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8));
            JsonNode count = JSON.readTree(answer)
                    .path("results")
                    .path(0)
                    .path("series")
                    .path(0)
                    .path("values")
                    .path(0)
                    .path(1);
            return count.asLong(0);
        }
    }
}
