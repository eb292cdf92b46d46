package io.helio.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every 50 ms while it runs, forces two 4 KiB writes to the disk the stores use: one appended to a
 * file (as influxd's write-ahead log and a spill segment found at the platform's start write), one
 * over a block the file already has (as the platform's spill writes into its prepared segments). How
 * long each waits shows what durability costs meanwhile; growing a file waits for the file system's
 * journal, and with it for what the other processes have written.
 */
final class DiskProbe {

    private static final long PERIOD_MILLIS = 50;
    /** An hour of probing: a phase lasts seconds to minutes, and the timings are held from the start. */
    private static final int LIMIT = (int) (3_600_000 / PERIOD_MILLIS);

    private final Path folder;
    private final Latencies appends = new Latencies(LIMIT);
    private final Latencies overwrites = new Latencies(LIMIT);
    private final Thread prober;
    private volatile boolean running = true;

    private DiskProbe(Path folder) {
        this.folder = folder;
        this.prober = new Thread(this::probe, "disk-probe");
    }

    /** Starts probing with files of its own in {@code folder}. */
    static DiskProbe start(Path folder) {
        DiskProbe probe = new DiskProbe(folder);
        probe.prober.setDaemon(true);
        probe.prober.start();
        return probe;
    }

    private void probe() {
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel log = open("disk-probe-append.bin", StandardOpenOption.APPEND);
                FileChannel page = open("disk-probe-overwrite.bin", StandardOpenOption.READ)) {
            page.write(block.clear(), 0);
            page.force(false);
            while (running && appends.count() < LIMIT) {
                long started = System.nanoTime();
                log.write(block.clear());
                log.force(false);
                appends.add(System.nanoTime() - started);
                started = System.nanoTime();
                page.write(block.clear(), 0);
                page.force(false);
                overwrites.add(System.nanoTime() - started);
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the disk probe failed in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FileChannel open(String name, StandardOpenOption mode) throws IOException {
        return FileChannel.open(folder.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
    }

    /** Stops, and says how long the forced appends and overwrites took: p50, p99, slowest. */
    String stop() {
        running = false;
        try {
            prober.join();
            Files.deleteIfExists(folder.resolve("disk-probe-append.bin"));
            Files.deleteIfExists(folder.resolve("disk-probe-overwrite.bin"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (appends.count() == 0 || overwrites.count() == 0) {
            return "the disk probe timed no write";
        }
        return String.format(
                "the disk, 4 KiB forced every %d ms (%,d times): appended p50 %.1f ms, p99 %.1f ms, slowest %.1f ms;"
                        + " over written blocks p50 %.1f ms, p99 %.1f ms, slowest %.1f ms",
                PERIOD_MILLIS,
                overwrites.count(),
                appends.percentileMillis(0.50),
                appends.percentileMillis(0.99),
                appends.percentileMillis(1.0),
                overwrites.percentileMillis(0.50),
                overwrites.percentileMillis(0.99),
                overwrites.percentileMillis(1.0));
    }
}
