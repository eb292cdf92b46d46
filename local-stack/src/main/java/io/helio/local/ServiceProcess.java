package io.helio.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One of Helio's services run from its executable jar as a child process, ready once its readiness probe says so. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts a service with an HTTP readiness probe under {@code baseUrl}. */
    static ServiceProcess start(String name, Path jar, Map<String, String> environment, String baseUrl, Path logs) {
        return start(name, jar, environment, List.of(), httpReady(baseUrl), logs);
    }

    /** Starts a service with these arguments, ready once {@code ready} says so. */
    static ServiceProcess start(
            String name,
            Path jar,
            Map<String, String> environment,
            List<String> arguments,
            BooleanSupplier ready,
            Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -DskipTests package)");
        }
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+ExitOnOutOfMemoryError",
                    // a flight recording then names the code a sample ran, not the nearest safepoint's
                    "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:+DebugNonSafepoints",
                    "-Djava.io.tmpdir=" + logs.getParent().resolve("tmp")));
            command.addAll(javaOptions(name, System.getenv()));
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(arguments);
            Files.createDirectories(logs.getParent().resolve("tmp"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(name, builder.start(), log);
            service.awaitReady(ready);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * The JVM options the environment gives this service ({@code HELIO_PLATFORM_JAVA_OPTS} for
     * "platform", {@code HELIO_TENANT_ADMIN_JAVA_OPTS} for "tenant-admin", ...), after the defaults so
     * that they win ({@code -Xmx2g}); for this service only, unlike {@code JAVA_TOOL_OPTIONS}.
     */
    static List<String> javaOptions(String name, Map<String, String> environment) {
        String options =
                environment.get("HELIO_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_JAVA_OPTS");
        return options == null || options.isBlank()
                ? List.of()
                : List.of(options.trim().split("\\s+"));
    }

    private void awaitReady(BooleanSupplier ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; see " + log);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            pause();
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** Ready once the service's readiness probe answers 200. */
    static BooleanSupplier httpReady(String baseUrl) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        return () -> {
            try {
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a service", e);
            }
        };
    }

    /** Ready once something accepts connections on the port (a service without HTTP). */
    static BooleanSupplier listening(int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        };
    }

    long pid() {
        return process.pid();
    }

    /** Kills the service outright (SIGKILL), as a crash would: nothing of it runs to an end. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
