package io.helio.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends 4 KiB to a file on the disk the stores use every 50 ms, forcing each to disk, while it runs:
 * how long the disk makes a log wait for durability meanwhile — influxd's write-ahead log and the
 * platform's spill are such logs (their appends are larger).
 */
final class DiskProbe {

    private static final long PERIOD_MILLIS = 50;

    private final Path file;
    private final Latencies forces = new Latencies(1_000_000);
    private final Thread prober;
    private volatile boolean running = true;

    private DiskProbe(Path file) {
        this.file = file;
        this.prober = new Thread(this::probe, "disk-probe");
    }

    /** Starts probing with a file of its own in {@code folder}. */
    static DiskProbe start(Path folder) {
        DiskProbe probe = new DiskProbe(folder.resolve("disk-probe.bin"));
        probe.prober.setDaemon(true);
        probe.prober.start();
        return probe;
    }

    private void probe() {
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (running && forces.count() < 1_000_000) {
                long started = System.nanoTime();
                channel.write(block.clear());
                channel.force(false);
                forces.add(System.nanoTime() - started);
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the disk probe failed on " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops, and says "a 4 KiB append forced every 50 ms: p50 …, p99 …, slowest … ms". */
    String stop() {
        running = false;
        try {
            prober.join();
            Files.deleteIfExists(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (forces.count() == 0) {
            return "the disk probe timed no write";
        }
        return String.format(
                "the disk, a 4 KiB append forced every %d ms (%,d): p50 %.1f ms, p99 %.1f ms, slowest %.1f ms",
                PERIOD_MILLIS,
                forces.count(),
                forces.percentileMillis(0.50),
                forces.percentileMillis(0.99),
                forces.percentileMillis(1.0));
    }
}
