package io.helio.platform.timeseries.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill on a real disk: order, restarts, a record torn by a crash, its bound, its segments. */
class SpillTest {

    @TempDir
    Path folder;

    @Test
    void batchesComeBackInOrderAcrossRestartsAndAReplayedOneNeverAgain() throws Exception {
        try (Spill spill = Spill.open(folder, 1 << 20, 1 << 16)) {
            spill.append("helio_a", "m,device=d v=1i 1");
            spill.append("helio_b", "m,device=d v=2i 2");
            spill.append("helio_a", "m,device=d v=3i 3");
            spill.consume(List.of(spill.peek(1).get(0)));
        }

        try (Spill reopened = Spill.open(folder, 1 << 20, 1 << 16)) {
            assertThat(drain(reopened)).containsExactly("helio_b m,device=d v=2i 2", "helio_a m,device=d v=3i 3");
            assertThat(reopened.isEmpty()).isTrue();
        }
        try (Spill again = Spill.open(folder, 1 << 20, 1 << 16)) {
            assertThat(again.peek(1 << 20)).isEmpty();
        }
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestKept() throws Exception {
        try (Spill spill = Spill.open(folder, 1 << 20, 1 << 16)) {
            spill.append("helio_a", "m,device=d v=1i 1");
        }
        Files.write(folder.resolve("segment-0.log"), new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        try (Spill reopened = Spill.open(folder, 1 << 20, 1 << 16)) {
            reopened.append("helio_a", "m,device=d v=2i 2");
            assertThat(drain(reopened)).containsExactly("helio_a m,device=d v=1i 1", "helio_a m,device=d v=2i 2");
        }
    }

    @Test
    void aHeadLostInACrashReplaysWhatWasReplayedAgainAndLosesNothing() throws Exception {
        try (Spill spill = Spill.open(folder, 1 << 20, 1 << 16)) {
            spill.append("helio_a", "m,device=d v=1i 1");
            spill.append("helio_a", "m,device=d v=2i 2");
            spill.consume(List.of(spill.peek(1).get(0)));
        }
        Files.write(folder.resolve("head"), new byte[0]); // the head is not forced: a crash may leave it empty

        try (Spill reopened = Spill.open(folder, 1 << 20, 1 << 16)) {
            assertThat(drain(reopened)).containsExactly("helio_a m,device=d v=1i 1", "helio_a m,device=d v=2i 2");
        }
    }

    @Test
    void aFullSpillRefusesAndKeepsWhatItHas() throws Exception {
        try (Spill spill = Spill.open(folder, 100, 1 << 16)) {
            spill.append("helio_a", "m,device=d v=1i 1");
            assertThatThrownBy(() -> spill.append("helio_a", "m,device=d v=2i 2".repeat(10)))
                    .isInstanceOf(SpillFullException.class);
            assertThat(drain(spill)).containsExactly("helio_a m,device=d v=1i 1");
            spill.append("helio_a", "m,device=d v=3i 3"); // room again once replayed
        }
    }

    @Test
    void segmentsArePreparedAtFullSizeAndTheirRecordsComeBackAfterARestart() throws Exception {
        int segmentBytes = 1 << 12;
        List<String> appended = new ArrayList<>();
        try (Spill spill = Spill.open(folder, 1 << 20, segmentBytes)) {
            for (int i = 0; i < 300; i++) {
                appended.add("helio_a m,device=d v=" + i + "i " + i);
                spill.append("helio_a", "m,device=d v=" + i + "i " + i);
            }
            // records went into segments that had their full size (zeros) before they held any
            long prepared = segments().stream()
                    .filter(segment -> size(segment) == segmentBytes)
                    .count();
            assertThat(prepared).isGreaterThanOrEqualTo(2);
        }

        try (Spill reopened = Spill.open(folder, 1 << 20, segmentBytes)) {
            assertThat(drain(reopened)).containsExactlyElementsOf(appended);
        }
    }

    @Test
    void replayedSegmentsAreRemoved() throws Exception {
        try (Spill spill = Spill.open(folder, 1 << 20, 64)) {
            for (int i = 0; i < 10; i++) {
                spill.append("helio_a", "m,device=d v=" + i + "i " + i);
            }
            assertThat(segments()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(drain(spill)).hasSize(10);
            assertThat(segments()).hasSizeLessThanOrEqualTo(2); // the tail, and the next one prepared
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> segments() throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("segment-"))
                    .toList();
        }
    }

    /** Replays everything, a few records at a time. */
    private static List<String> drain(Spill spill) throws Exception {
        List<String> replayed = new ArrayList<>();
        List<Spill.Entry> next;
        while (!(next = spill.peek(40)).isEmpty()) {
            next.forEach(entry -> replayed.add(entry.database() + " " + entry.lines()));
            spill.consume(next);
        }
        return replayed;
    }
}
