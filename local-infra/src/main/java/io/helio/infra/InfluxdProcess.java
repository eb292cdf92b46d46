package io.helio.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private {@code influxd} (InfluxDB 1.x) run as a child process: its own data folder, its own HTTP
 * and RPC ports on loopback, no usage reporting. Stop and start it again to simulate an outage, freeze
 * and thaw it to simulate a stall.
 */
public final class InfluxdProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InfluxdProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a shard's write cache waits without writes before it goes to TSM files: 10 s instead of
     * influxd's 10 minutes, so that data written in one go (a benchmark's day) is then queried as stored
     * data is, not from the write cache, and queries of it do not speed up fourfold in the middle of a run.
     */
    public static final Duration CACHE_COLD_AFTER = Duration.ofSeconds(10);

    private static final List<Path> KNOWN_BINARIES =
            List.of(Path.of("/usr/bin/influxd"), Path.of("/usr/local/bin/influxd"));

    private final Path folder;
    private final int httpPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private @Nullable Process process;

    private InfluxdProcess(Path folder, int httpPort) {
        this.folder = folder;
        this.httpPort = httpPort;
    }

    /** Starts influxd with its data under {@code folder} (kept across restarts) and waits until it answers. */
    public static InfluxdProcess start(Path folder) {
        InfluxdProcess influxd = new InfluxdProcess(folder.toAbsolutePath(), FreePort.next());
        influxd.start();
        return influxd;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The running influxd's process id (to read its CPU time, for one). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("influxd is not running");
        }
        return process.pid();
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path config = writeConfig();
            process = new ProcessBuilder(binary().toString(), "run", "-config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("influxd.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start influxd in " + folder, e);
        }
        awaitReady();
        log.info("influxd ready at {} (data in {})", url(), folder);
    }

    /** Stops influxd cleanly (SIGTERM), keeping its data. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        if (running.isAlive()) {
            signal(running.pid(), "-CONT"); // a frozen influxd would act on SIGTERM only once thawed
        }
        running.destroy();
        try {
            if (!running.waitFor(15, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Freezes influxd (SIGSTOP): it keeps its connections and answers nothing, as a stalled server would. */
    public void freeze() {
        signal(pid(), "-STOP");
    }

    /** Lets a frozen influxd go on (SIGCONT). */
    public void thaw() {
        signal(pid(), "-CONT");
    }

    @Override
    public void close() {
        stop();
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill " + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling influxd", e);
        }
    }

    private Path writeConfig() throws IOException {
        Path config = folder.resolve("influxdb.conf");
        String text = """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s/meta"

                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                  cache-snapshot-write-cold-duration = "%ds"

                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false

                [monitor]
                  store-enabled = false

                [continuous_queries]
                  log-enabled = false
                """.formatted(FreePort.next(), folder, folder, folder, CACHE_COLD_AFTER.toSeconds(), httpPort);
        Files.writeString(config, text);
        return config;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("influxd exited at start-up; see " + folder.resolve("influxd.log"));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
            sleepBriefly();
        }
        stop();
        throw new IllegalStateException("influxd did not answer /ping within " + START_TIMEOUT);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path binary() {
        String configured = System.getenv("HELIO_INFLUXD");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return KNOWN_BINARIES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "influxd not found: install it with 'apt-get install influxdb' (scripts/install-deps does)"
                                + " or set HELIO_INFLUXD to its path"));
    }
}
