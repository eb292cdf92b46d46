package io.helio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a running JVM (the platform) with {@code jcmd}: flight recordings, its heap. */
final class Jcmd {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern COMPILES = Pattern.compile("sun\\.ci\\.totalCompiles=(\\d+)");

    private Jcmd() {}

    static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** How many methods the JVM's JIT compilers have compiled since it started. */
    static long compilations(long pid) throws IOException, InterruptedException {
        Matcher compiles = COMPILES.matcher(run(pid, "PerfCounter.print"));
        if (!compiles.find()) {
            throw new IOException("jcmd PerfCounter.print gave no sun.ci.totalCompiles");
        }
        return Long.parseLong(compiles.group(1));
    }

    /** The heap in use after a full collection. */
    static String heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
        Matcher used = USED.matcher(run(pid, "GC.heap_info"));
        return used.find() ? (Long.parseLong(used.group(1)) / 1024) + " MiB" : "unknown (jcmd gave no heap figure)";
    }
}
