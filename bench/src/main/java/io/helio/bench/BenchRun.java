package io.helio.bench;

import io.helio.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * One benchmark run: its folder under {@code bench/target}, the whole system started there and
 * stopped however the run ends (an interrupted run leaves no process behind), and its report. A run
 * that ends keeps its logs and recordings, not its databases.
 */
final class BenchRun implements AutoCloseable {

    private final Path folder;
    private final LocalStack stack;
    private final Thread stopStack;

    private BenchRun(Path folder, LocalStack stack, Thread stopStack) {
        this.folder = folder;
        this.stack = stack;
        this.stopStack = stopStack;
    }

    /** Starts the system in {@code bench/target/{name}-{pid}}. */
    static BenchRun start(String name) throws Exception {
        Path folder = home().resolve(
                        "bench/target/" + name + "-" + ProcessHandle.current().pid());
        Files.createDirectories(folder);
        LocalStack stack = LocalStack.start(home(), folder, LocalStack.Ports.free());
        Thread stopStack = new Thread(stack::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopStack);
        return new BenchRun(folder, stack, stopStack);
    }

    /** The benchmark's {@code index}th argument, a number; {@code fallback} when it was not given. */
    static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** A report's title and the first words of its first line: when, on how many cores. */
    static StringBuilder report(String title) {
        return new StringBuilder("# ")
                .append(title)
                .append("\n\nRun ")
                .append(LocalDateTime.now().withNano(0))
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores: ");
    }

    /** Writes the report to {@code bench/target/{file}} and prints it. */
    static void write(String file, CharSequence report) throws Exception {
        Path written = home().resolve("bench/target/" + file);
        Files.writeString(written, report);
        System.out.println(report);
        System.out.println("Report written to " + written);
    }

    LocalStack stack() {
        return stack;
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() throws IOException {
        Runtime.getRuntime().removeShutdownHook(stopStack);
        stack.close();
        LocalStack.deleteStores(folder);
    }

    /** The project's root, where the services' jars are built. */
    static Path home() {
        return Path.of(System.getProperty("helio.home", ".")).toAbsolutePath().normalize();
    }
}
