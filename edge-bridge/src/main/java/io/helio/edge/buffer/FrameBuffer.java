package io.helio.edge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices' messages on disk (SQLite, write-ahead log, every commit synced) in the order they came,
 * each with a sequence number that never repeats, not even after the file is deleted: a new file
 * starts its numbers at the current time in microseconds, above any earlier file's. Appends are
 * group-committed by one writer thread, so many devices share each sync. At {@code capacity}
 * messages it refuses new ones; what it holds leaves only by {@link #removeUpTo} (acknowledged by
 * the cloud) or {@link #reject} (refused by the cloud for good, kept in a table of its own).
 */
public final class FrameBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrameBuffer.class);
    private static final int BATCH = 1000;
    private static final int INTAKE = 10_000;

    private final long capacity;
    private final Connection writes;
    private final Connection reads;
    private final AtomicLong size;
    private final BlockingQueue<Pending> intake = new ArrayBlockingQueue<>(INTAKE);
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean open = true;

    /** Messages of one device that reach the disk together, in one transaction. */
    private record Pending(
            String productKey, String deviceKey, List<String> messages, CompletableFuture<Void> stored) {}

    public FrameBuffer(Path file, long capacity) {
        this.capacity = capacity;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writes = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement setup = writes.createStatement()) {
                setup.execute("PRAGMA journal_mode=WAL");
                setup.execute("PRAGMA synchronous=FULL");
                setup.execute("CREATE TABLE IF NOT EXISTS frames (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " product_key TEXT NOT NULL, device_key TEXT NOT NULL, params TEXT NOT NULL)");
                setup.execute("CREATE TABLE IF NOT EXISTS rejected (seq INTEGER PRIMARY KEY,"
                        + " product_key TEXT NOT NULL, device_key TEXT NOT NULL, params TEXT NOT NULL,"
                        + " code INTEGER NOT NULL, message TEXT NOT NULL, rejected_at INTEGER NOT NULL)");
                setup.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'frames', " + System.currentTimeMillis()
                        + "000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'frames')");
            }
            reads = DriverManager.getConnection("jdbc:sqlite:" + file);
            size = new AtomicLong(count());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the buffer " + file, e);
        }
        writer = new Thread(this::writeLoop, "edge-buffer-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Takes a message; the future completes once it is on disk, or fails with {@link BufferFullException}. */
    public CompletableFuture<Void> append(String productKey, String deviceKey, String params) {
        return appendAll(productKey, deviceKey, List.of(params));
    }

    /**
     * Takes a device's messages together: the future completes once all are on disk (in one
     * transaction, so never some of them), or fails with {@link BufferFullException} when they do
     * not all fit.
     */
    public CompletableFuture<Void> appendAll(String productKey, String deviceKey, List<String> messages) {
        if (size.addAndGet(messages.size()) > capacity) {
            size.addAndGet(-messages.size());
            return CompletableFuture.failedFuture(
                    new BufferFullException("the edge buffer holds its capacity of " + capacity + " messages"));
        }
        Pending pending = new Pending(productKey, deviceKey, List.copyOf(messages), new CompletableFuture<>());
        if (!open || !intake.offer(pending)) {
            size.addAndGet(-messages.size());
            return CompletableFuture.failedFuture(new BufferFullException("the edge buffer is busy; retry"));
        }
        return pending.stored();
    }

    /** Calls {@code listener} after each batch reaches the disk, until the returned action is run. */
    public Runnable onAppend(Runnable listener) {
        appendListeners.add(listener);
        return () -> appendListeners.remove(listener);
    }

    /** Up to {@code limit} held messages after {@code seq}, in order. */
    public List<BufferedFrame> after(long seq, int limit) {
        synchronized (reads) {
            try (PreparedStatement select = reads.prepareStatement("SELECT seq, product_key, device_key, params"
                    + " FROM frames WHERE seq > ? ORDER BY seq LIMIT ?")) {
                select.setLong(1, seq);
                select.setInt(2, limit);
                List<BufferedFrame> frames = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        frames.add(new BufferedFrame(
                                rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                }
                return frames;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the buffer", e);
            }
        }
    }

    /** Lets go of every message up to {@code seq}: the cloud has acknowledged them. */
    public void removeUpTo(long seq) {
        synchronized (writes) {
            try (PreparedStatement delete = writes.prepareStatement("DELETE FROM frames WHERE seq <= ?")) {
                delete.setLong(1, seq);
                size.addAndGet(-delete.executeUpdate());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot remove from the buffer", e);
            }
        }
    }

    /** Moves a message the cloud refused for good (invalid, not the edge's device) to the rejected table. */
    public void reject(long seq, int code, String message) {
        synchronized (writes) {
            try (Statement statement = writes.createStatement();
                    PreparedStatement move = writes.prepareStatement("INSERT OR IGNORE INTO rejected"
                            + " SELECT seq, product_key, device_key, params, ?, ?, ? FROM frames WHERE seq = ?");
                    PreparedStatement delete = writes.prepareStatement("DELETE FROM frames WHERE seq = ?")) {
                statement.execute("BEGIN IMMEDIATE");
                move.setInt(1, code);
                move.setString(2, message);
                move.setLong(3, System.currentTimeMillis());
                move.setLong(4, seq);
                move.executeUpdate();
                delete.setLong(1, seq);
                size.addAndGet(-delete.executeUpdate());
                statement.execute("COMMIT");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reject message " + seq, e);
            }
        }
    }

    /** Messages held (taken or on disk, not yet acknowledged or rejected). */
    public long size() {
        return size.get();
    }

    /** Messages the cloud refused for good. */
    public long rejected() {
        synchronized (reads) {
            try (Statement statement = reads.createStatement();
                    ResultSet row = statement.executeQuery("SELECT count(*) FROM rejected")) {
                return row.next() ? row.getLong(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rejected messages", e);
            }
        }
    }

    private long count() throws SQLException {
        try (Statement statement = writes.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM frames")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (open || !intake.isEmpty()) {
            try {
                Pending first = intake.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                intake.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        synchronized (writes) {
            try (Statement statement = writes.createStatement();
                    PreparedStatement insert = writes.prepareStatement(
                            "INSERT INTO frames (product_key, device_key, params) VALUES (?, ?, ?)")) {
                statement.execute("BEGIN IMMEDIATE");
                for (Pending pending : batch) {
                    for (String message : pending.messages()) {
                        insert.setString(1, pending.productKey());
                        insert.setString(2, pending.deviceKey());
                        insert.setString(3, message);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                statement.execute("COMMIT");
            } catch (SQLException e) {
                rollback();
                int messages = batch.stream()
                        .mapToInt(pending -> pending.messages().size())
                        .sum();
                log.error("{} messages not buffered", messages, e);
                size.addAndGet(-messages);
                batch.forEach(pending -> pending.stored().completeExceptionally(e));
                return;
            }
        }
        appendListeners.forEach(Runnable::run);
        batch.forEach(pending -> pending.stored().complete(null));
    }

    private void rollback() {
        try (Statement statement = writes.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException alreadyEnded) {
            // the failed statement ended the transaction
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            writes.close();
            reads.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the buffer", e);
        }
    }
}
