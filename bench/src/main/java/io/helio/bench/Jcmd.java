package io.helio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a running JVM (the platform) with {@code jcmd}: flight recordings, its heap and what holds it. */
final class Jcmd {

    private static final Pattern COMPILES = Pattern.compile("sun\\.ci\\.totalCompiles=(\\d+)");
    /** A row of {@code GC.class_histogram}: "   1:   12345   6789012  [B (java.base@17.0.17)". */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    /** Its last line: "Total   1234567   98765432". */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    private static final Map<String, String> PRIMITIVE_ARRAYS =
            Map.of("[B", "byte[]", "[C", "char[]", "[I", "int[]", "[J", "long[]", "[Z", "boolean[]", "[D", "double[]");

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

    /**
     * The heap's live objects, counted in the full collection that {@code GC.class_histogram} makes
     * (the heap's "used" read after a separate {@code GC.run} also holds whatever a busy platform
     * allocated in between): their total, then the {@code classes} classes that take the most, as a
     * Markdown table.
     */
    static String liveHeap(long pid, int classes) throws IOException, InterruptedException {
        String histogram = run(pid, "GC.class_histogram");
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        StringBuilder text = new StringBuilder(
                        total.find() ? mib(total.group(1)) + " MiB" : "unknown (jcmd gave no total)")
                .append(". What holds it:\n\n| MiB | objects | class |\n| ---: | ---: | --- |\n");
        Matcher row = HISTOGRAM_ROW.matcher(histogram);
        for (int found = 0; found < classes && row.find(); found++) {
            text.append(String.format(
                    "| %s | %,d | `%s` |%n", mib(row.group(2)), Long.parseLong(row.group(1)), readable(row.group(3))));
        }
        return text.toString();
    }

    private static String mib(String bytes) {
        return String.format("%.1f", Long.parseLong(bytes) / (1024.0 * 1024));
    }

    /** {@code [B} as {@code byte[]}, {@code [Ljava.lang.Object;} as {@code java.lang.Object[]}. */
    private static String readable(String className) {
        if (className.startsWith("[L") && className.endsWith(";")) {
            return className.substring(2, className.length() - 1) + "[]";
        }
        return PRIMITIVE_ARRAYS.getOrDefault(className, className);
    }
}
