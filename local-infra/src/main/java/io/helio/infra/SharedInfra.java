package io.helio.infra;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL and one influxd per JVM, started on first use under {@code target/local-infra} and
 * stopped when the JVM exits: test classes share them instead of paying the start-up each time.
 */
public final class SharedInfra {

    private static @Nullable SharedInfra instance;

    private final PostgresServer postgres;
    private final InfluxdProcess influxd;

    private SharedInfra(Path folder) {
        this.postgres = PostgresServer.start(folder.resolve("postgres"));
        this.influxd = InfluxdProcess.start(folder.resolve("influxdb"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shared-infra-stop"));
    }

    public static synchronized SharedInfra get() {
        if (instance == null) {
            Path folder = Path.of(
                    "target", "local-infra", "run-" + ProcessHandle.current().pid());
            instance = new SharedInfra(folder);
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public InfluxdProcess influxd() {
        return influxd;
    }

    private void stop() {
        influxd.stop();
        postgres.close();
    }
}
