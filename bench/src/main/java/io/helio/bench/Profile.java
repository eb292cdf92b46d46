package io.helio.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Where the platform's CPU time went, from its flight recording: CPU samples by the code they were in. */
final class Profile {

    private Profile() {}

    /** The top {@code limit} packages and methods by share of execution samples, as report lines. */
    static String summary(Path recording, int limit) throws Exception {
        return summary(recording, limit, Instant.MIN, Instant.MAX);
    }

    /** As {@link #summary(Path, int)}, of the samples taken from {@code from} until {@code until}. */
    static String summary(Path recording, int limit, Instant from, Instant until) throws Exception {
        Map<String, Integer> byPackage = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        List<List<RecordedFrame>> stacks = stacks(recording, from, until);
        for (List<RecordedFrame> frames : stacks) {
            RecordedFrame top = frames.get(0);
            String type = top.getMethod().getType().getName();
            byMethod.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
            byPackage.merge(area(frames), 1, Integer::sum);
        }
        int samples = stacks.size();
        return "CPU samples: " + samples + "\n\nBy package (self time):\n\n" + top(byPackage, samples, limit)
                + "\nHottest methods (self time):\n\n" + top(byMethod, samples, limit);
    }

    /**
     * Of the samples taken from {@code from} until {@code until}, for each prefix the share (0 to 1)
     * whose stack passes through code whose type name starts with it: that code's time with what it
     * called (a lower bound, as a recording keeps only the innermost 64 frames of a stack).
     */
    static List<Double> inclusiveShares(Path recording, List<String> prefixes, Instant from, Instant until)
            throws Exception {
        List<List<RecordedFrame>> stacks = stacks(recording, from, until);
        return prefixes.stream()
                .map(prefix -> stacks.isEmpty()
                        ? 0.0
                        : (double) stacks.stream()
                                        .filter(frames -> passesThrough(frames, prefix))
                                        .count()
                                / stacks.size())
                .toList();
    }

    private static boolean passesThrough(List<RecordedFrame> frames, String prefix) {
        return frames.stream()
                .anyMatch(frame -> frame.getMethod().getType().getName().startsWith(prefix));
    }

    /**
     * The platform's garbage collections from {@code from} until {@code until}: how many, their pauses in
     * all, and the {@code most} longest, each at its second since {@code from} (to set beside the
     * seconds the slowest replies came in).
     */
    static String pauses(Path recording, int most, Instant from, Instant until) throws IOException {
        List<RecordedEvent> collections = events(recording, "jdk.GarbageCollection", from, until);
        Duration paused = collections.stream()
                .map(event -> event.getDuration("sumOfPauses"))
                .reduce(Duration.ZERO, Duration::plus);
        return String.format(
                "%d collections paused the platform %d ms in all; the longest: %s",
                collections.size(),
                paused.toMillis(),
                collections.stream()
                        .sorted(Comparator.comparing((RecordedEvent event) -> event.getDuration("longestPause"))
                                .reversed())
                        .limit(most)
                        .map(event -> String.format(
                                "%.1f ms at +%d s (%s)",
                                event.getDuration("longestPause").toNanos() / 1e6,
                                Duration.between(from, event.getStartTime()).toSeconds(),
                                event.getString("name")))
                        .collect(Collectors.joining(", ")));
    }

    /**
     * How long the thread named {@code thread} waited in socket reads from {@code from} until
     * {@code until}, of those the recording keeps (10 ms or longer in its profile settings): the
     * platform's InfluxDB writer ({@code influx-write}) so waits for each write's answer.
     */
    static String socketWaits(Path recording, String thread, Instant from, Instant until) throws IOException {
        List<Duration> reads = new ArrayList<>();
        for (RecordedEvent event : events(recording, "jdk.SocketRead", from, until)) {
            if (event.getThread("eventThread") != null
                    && thread.equals(event.getThread("eventThread").getJavaName())) {
                reads.add(event.getDuration());
            }
        }
        if (reads.isEmpty()) {
            return "no read of 10 ms or more";
        }
        reads.sort(Comparator.naturalOrder());
        return String.format(
                "%.1f s in %,d reads of 10 ms or more (p50 %d ms, p90 %d ms, slowest %d ms)",
                reads.stream().mapToLong(Duration::toNanos).sum() / 1e9,
                reads.size(),
                reads.get(reads.size() / 2).toMillis(),
                reads.get(reads.size() * 9 / 10).toMillis(),
                reads.get(reads.size() - 1).toMillis());
    }

    /** The stacks of the CPU samples taken from {@code from} until {@code until}, innermost frame first. */
    private static List<List<RecordedFrame>> stacks(Path recording, Instant from, Instant until) throws IOException {
        List<List<RecordedFrame>> stacks = new ArrayList<>();
        for (RecordedEvent event : events(recording, "jdk.ExecutionSample", from, until)) {
            if (event.getStackTrace() != null
                    && !event.getStackTrace().getFrames().isEmpty()) {
                stacks.add(event.getStackTrace().getFrames());
            }
        }
        return stacks;
    }

    /** The recording's events of {@code type} that started from {@code from} until {@code until}. */
    private static List<RecordedEvent> events(Path recording, String type, Instant from, Instant until)
            throws IOException {
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals(type)
                    && !event.getStartTime().isBefore(from)
                    && !event.getStartTime().isAfter(until)) {
                events.add(event);
            }
        }
        return events;
    }

    /** The innermost frame's package, cut to its first three segments. */
    private static String area(List<RecordedFrame> frames) {
        String type = frames.get(0).getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    private static String top(Map<String, Integer> counts, int samples, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(entry -> String.format("| %5.1f %% | `%s` |", 100.0 * entry.getValue() / samples, entry.getKey()))
                .collect(Collectors.joining("\n", "| share | code |\n| ---: | --- |\n", "\n"));
    }
}
