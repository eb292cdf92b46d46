package io.helio.local;

import io.helio.infra.FreePort;
import io.helio.infra.InfluxdProcess;
import io.helio.infra.PostgresServer;
import io.helio.infra.RsaKeyPem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL, influxd, tenant-admin and platform, wired together on this machine. Each service gets
 * its own database; tenant-admin signs tokens with a key generated for this stack; the platform
 * trusts them through tenant-admin's JWKS and reads tenants' status with its own client (cached 2 s
 * here, so that a suspension shows at once).
 */
public final class LocalStack implements AutoCloseable {

    /** Ports of the stack; 0 picks a free one. */
    public record Ports(int platform, int admin, int mqtt, int edge, int edgeWebSocket) {

        public static Ports free() {
            return new Ports(FreePort.next(), FreePort.next(), FreePort.next(), FreePort.next(), FreePort.next());
        }
    }

    public static final String OPERATOR_ID = "operator";
    private static final String PLATFORM_APP_ROLE = "helio_platform_app";
    private static final String PLATFORM_CLIENT_ID = "platform";

    private final PostgresServer postgres;
    private final InfluxdProcess influxd;
    private final ServiceProcess admin;
    private final PlatformLaunch platformLaunch;
    private ServiceProcess platform;
    private final Ports ports;
    private final String operatorSecret;

    private LocalStack(
            PostgresServer postgres,
            InfluxdProcess influxd,
            ServiceProcess admin,
            PlatformLaunch platformLaunch,
            Ports ports,
            String operatorSecret) {
        this.postgres = postgres;
        this.influxd = influxd;
        this.admin = admin;
        this.platformLaunch = platformLaunch;
        this.platform = platformLaunch.start();
        this.ports = ports;
        this.operatorSecret = operatorSecret;
    }

    /**
     * Starts everything with its data under {@code folder} (start from an empty folder for a fresh
     * system) and the services' jars under {@code home}.
     */
    public static LocalStack start(Path home, Path folder, Ports ports) throws Exception {
        return start(home, folder, ports, Map.of());
    }

    /** As {@link #start(Path, Path, Ports)}, with more settings for the platform (environment variables). */
    public static LocalStack start(Path home, Path folder, Ports ports, Map<String, String> platformSettings)
            throws Exception {
        Files.createDirectories(folder);
        PostgresServer postgres = PostgresServer.start(folder.resolve("postgres"));
        InfluxdProcess influxd = null;
        ServiceProcess admin = null;
        try {
            postgres.createDatabase("helio_admin");
            postgres.createDatabase("helio_platform");
            String appPassword = randomSecret();
            postgres.createRole(PLATFORM_APP_ROLE, appPassword);
            influxd = InfluxdProcess.start(folder.resolve("influxdb"));
            String operatorSecret = randomSecret();
            String platformSecret = randomSecret();
            String adminUrl = "http://127.0.0.1:" + ports.admin();
            Path logs = folder.resolve("logs");
            admin = ServiceProcess.start(
                    "tenant-admin",
                    home.resolve("tenant-admin/target/tenant-admin.jar"),
                    Map.ofEntries(
                            Map.entry("HELIO_ADMIN_PORT", Integer.toString(ports.admin())),
                            Map.entry("HELIO_ADMIN_DB_URL", postgres.jdbcUrl("helio_admin")),
                            Map.entry("HELIO_ADMIN_DB_USER", PostgresServer.USER),
                            Map.entry("HELIO_AUTH_ISSUER", adminUrl),
                            Map.entry(
                                    "HELIO_AUTH_SIGNING_KEY",
                                    RsaKeyPem.generate().privateKeyPem()),
                            Map.entry("HELIO_OPERATOR_CLIENT_ID", OPERATOR_ID),
                            Map.entry("HELIO_OPERATOR_CLIENT_SECRET", operatorSecret),
                            Map.entry("HELIO_INFLUX_URL", influxd.url()),
                            Map.entry("HELIO_PLATFORM_CLIENT_ID", PLATFORM_CLIENT_ID),
                            Map.entry("HELIO_PLATFORM_CLIENT_SECRET", platformSecret)),
                    adminUrl,
                    logs);
            PlatformLaunch platform = new PlatformLaunch(
                    home.resolve("platform/target/platform.jar"),
                    Map.ofEntries(
                            Map.entry("HELIO_PLATFORM_PORT", Integer.toString(ports.platform())),
                            Map.entry("HELIO_PLATFORM_R2DBC_URL", postgres.r2dbcUrl("helio_platform")),
                            Map.entry("HELIO_PLATFORM_JDBC_URL", postgres.jdbcUrl("helio_platform")),
                            Map.entry("HELIO_PLATFORM_MIGRATION_USER", PostgresServer.USER),
                            Map.entry("HELIO_PLATFORM_DB_USER", PLATFORM_APP_ROLE),
                            Map.entry("HELIO_PLATFORM_DB_PASSWORD", appPassword),
                            Map.entry("HELIO_AUTH_ISSUER", adminUrl),
                            Map.entry("HELIO_DEVICE_SECRET_KEY", randomKey()),
                            Map.entry("HELIO_INFLUX_URL", influxd.url()),
                            Map.entry("HELIO_MQTT_PORT", Integer.toString(ports.mqtt())),
                            Map.entry("HELIO_EDGE_PORT", Integer.toString(ports.edge())),
                            Map.entry("HELIO_EDGE_WS_PORT", Integer.toString(ports.edgeWebSocket())),
                            Map.entry("HELIO_PLATFORM_CLIENT_ID", PLATFORM_CLIENT_ID),
                            Map.entry("HELIO_PLATFORM_CLIENT_SECRET", platformSecret),
                            Map.entry("HELIO_TENANT_STATUS_TTL", "2s"),
                            Map.entry("HELIO_USAGE_REPORT_EVERY", "1s"),
                            Map.entry("HELIO_ROLLUP_REPAIR_EVERY", "1s"),
                            Map.entry("HELIO_SPILL_DIR", folder.resolve("spill").toString())),
                    platformSettings,
                    "http://127.0.0.1:" + ports.platform(),
                    logs);
            return new LocalStack(postgres, influxd, admin, platform, ports, operatorSecret);
        } catch (Exception | Error e) {
            if (admin != null) {
                admin.close();
            }
            if (influxd != null) {
                influxd.stop();
            }
            postgres.close();
            throw e;
        }
    }

    /** The platform's process id (to look into its heap, for one). */
    public long platformPid() {
        return platform.pid();
    }

    public long influxdPid() {
        return influxd.pid();
    }

    /** How the platform is started, kept so that it can be started again after a crash. */
    private record PlatformLaunch(
            Path jar, Map<String, String> environment, Map<String, String> settings, String baseUrl, Path logs) {
        ServiceProcess start() {
            Map<String, String> all = new HashMap<>(environment);
            all.putAll(settings);
            return ServiceProcess.start("platform", jar, all, baseUrl, logs);
        }
    }

    /** Kills the platform as a crash would (SIGKILL). */
    public void killPlatform() {
        platform.kill();
    }

    /** Starts the platform again, with its database, spill and configuration as they were. */
    public void restartPlatform() {
        platform = platformLaunch.start();
    }

    public void stopInfluxd() {
        influxd.stop();
    }

    public void startInfluxd() {
        influxd.start();
    }

    public String platformUrl() {
        return "http://127.0.0.1:" + ports.platform();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + ports.admin();
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + ports.mqtt();
    }

    /** Where edge bridges connect (RSocket over TCP, or over WebSocket). */
    public String edgeUrl() {
        return "tcp://127.0.0.1:" + ports.edge() + " or ws://127.0.0.1:" + ports.edgeWebSocket();
    }

    /** The port of the edge endpoint's RSocket TCP transport. */
    public int edgePort() {
        return ports.edge();
    }

    public String influxUrl() {
        return influxd.url();
    }

    public String operatorSecret() {
        return operatorSecret;
    }

    @Override
    public void close() {
        platform.close();
        admin.close();
        influxd.stop();
        postgres.close();
    }

    /**
     * Deletes the stores a stopped stack kept under {@code folder} (PostgreSQL's and influxd's data,
     * the spill), keeping its logs: a benchmark's run leaves gigabytes there otherwise.
     */
    public static void deleteStores(Path folder) throws IOException {
        for (String store : List.of("postgres", "influxdb", "spill")) {
            Folders.deleteRecursively(folder.resolve(store));
        }
    }

    private static String randomSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
    }

    private static String randomKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
