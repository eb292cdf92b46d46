package io.helio.edge.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer on a real SQLite file: order, bounds, acknowledgement, refusal, and reopening. */
class FrameBufferTest {

    @TempDir
    Path folder;

    @Test
    void holdsMessagesInOrderUntilTheyAreAcknowledgedAndKeepsThemAcrossAReopen() throws Exception {
        Path file = folder.resolve("buffer.db");
        List<Long> seqs;
        try (FrameBuffer buffer = new FrameBuffer(file, 100)) {
            appendAll(buffer, 10);
            seqs = buffer.after(0, 100).stream().map(BufferedFrame::seq).toList();
            assertThat(seqs).hasSize(10).isSorted().doesNotHaveDuplicates();
            assertThat(buffer.after(0, 100).get(3).params()).isEqualTo("{\"n\":3}");

            buffer.removeUpTo(seqs.get(3));
            buffer.reject(seqs.get(5), 1204, "no such point");

            assertThat(buffer.size()).isEqualTo(5);
            assertThat(buffer.rejected()).isEqualTo(1);
            assertThat(buffer.after(seqs.get(3), 2))
                    .extracting(BufferedFrame::seq)
                    .containsExactly(seqs.get(4), seqs.get(6));
        }
        // a restart finds what was held, and numbers what comes next after it
        try (FrameBuffer reopened = new FrameBuffer(file, 100)) {
            assertThat(reopened.size()).isEqualTo(5);
            reopened.append("pk", "dk", "{\"n\":10}").get(5, TimeUnit.SECONDS);
            List<BufferedFrame> held = reopened.after(0, 100);
            assertThat(held).hasSize(6);
            assertThat(held.get(5).seq()).isGreaterThan(seqs.get(9));
        }
    }

    @Test
    void aFullBufferRefusesNewMessagesAndDropsNothing() throws Exception {
        try (FrameBuffer buffer = new FrameBuffer(folder.resolve("full.db"), 5)) {
            appendAll(buffer, 5);

            CompletableFuture<Void> refused = buffer.append("pk", "dk", "{\"n\":5}");

            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BufferFullException.class)
                    .hasMessageContaining("capacity of 5");
            assertThat(buffer.after(0, 100)).extracting(BufferedFrame::params).contains("{\"n\":0}", "{\"n\":4}");
            // room again once the cloud acknowledges
            buffer.removeUpTo(buffer.after(0, 1).get(0).seq());
            buffer.append("pk", "dk", "{\"n\":5}").get(5, TimeUnit.SECONDS);
            assertThat(buffer.size()).isEqualTo(5);
        }
    }

    @Test
    void aNewFileNumbersAboveAnyEarlierOne() throws Exception {
        long first;
        try (FrameBuffer buffer = new FrameBuffer(folder.resolve("a.db"), 10)) {
            appendAll(buffer, 1);
            first = buffer.after(0, 1).get(0).seq();
        }
        // the file is lost (a new disk); the cloud remembers the old numbers, so the new ones must be higher
        Thread.sleep(5);
        try (FrameBuffer replaced = new FrameBuffer(folder.resolve("b.db"), 10)) {
            appendAll(replaced, 1);
            assertThat(replaced.after(0, 1).get(0).seq()).isGreaterThan(first);
        }
    }

    @Test
    void listenersHearOfEachWrittenBatchUntilTheyStop() throws Exception {
        try (FrameBuffer buffer = new FrameBuffer(folder.resolve("listened.db"), 10)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            Runnable stop = buffer.onAppend(() -> heard.add("batch"));
            appendAll(buffer, 1);
            stop.run();
            appendAll(buffer, 1);
            assertThat(heard).hasSize(1);
        }
    }

    private static void appendAll(FrameBuffer buffer, int count) throws Exception {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            stored.add(buffer.append("pk", "dk", "{\"n\":" + n + "}"));
        }
        CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
}
