package io.helio.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An edge bridge run from its executable jar as a child process, configured by a file of its own,
 * its buffer under {@code folder}: it can be killed outright and started again on the same buffer.
 */
public final class LocalEdge implements AutoCloseable {

    private final Path jar;
    private final Path config;
    private final Path folder;
    private final int mqttPort;
    private ServiceProcess process;

    private LocalEdge(Path jar, Path config, Path folder, int mqttPort) {
        this.jar = jar;
        this.config = config;
        this.folder = folder;
        this.mqttPort = mqttPort;
        this.process = launch();
    }

    /** Starts the edge of {@code config} (a YAML file of {@code helio.edge.*}), its site broker on {@code mqttPort}. */
    public static LocalEdge start(Path home, Path config, Path folder, int mqttPort) {
        return new LocalEdge(home.resolve("edge-bridge/target/edge-bridge.jar"), config, folder, mqttPort);
    }

    private ServiceProcess launch() {
        return ServiceProcess.start(
                "edge-bridge",
                jar,
                Map.of(
                        "HELIO_EDGE_MQTT_PORT", Integer.toString(mqttPort),
                        "HELIO_EDGE_BUFFER_FILE",
                                folder.resolve("edge-buffer.db").toString()),
                List.of("--spring.config.additional-location=" + config.toAbsolutePath()),
                ServiceProcess.listening(mqttPort),
                folder.resolve("logs"));
    }

    /** Where the site's devices connect. */
    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** The edge bridge's process id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    /** Kills the edge as a crash or a power cut would (SIGKILL). */
    public void kill() {
        process.kill();
    }

    /** Starts the edge again on its buffer as it was. */
    public void restart() {
        process = launch();
    }

    @Override
    public void close() {
        process.close();
    }
}
