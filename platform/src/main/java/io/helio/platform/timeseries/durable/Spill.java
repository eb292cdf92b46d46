package io.helio.platform.timeseries.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of write batches on local disk, bounded in bytes, read back oldest first.
 *
 * <p>Segment files {@code segment-N.log} hold records {@code [length][crc32][database][lines]}; a
 * record is on disk (forced) when {@link #append} returns. Each new segment is filled with zeros and
 * forced, in the background, before records are written into it (a zero length ends its records):
 * forcing a write that grows a file waits for the file system's journal, and with it for whatever
 * other processes (influxd compacting) have written, up to hundreds of milliseconds; forcing a write
 * into blocks the file already has does not. The segment found last at open grows until the next
 * one, prepared from the first append on, is ready; a crash may leave a prepared segment behind,
 * which is simply empty.
 *
 * <p>{@code head} names the first record not yet replayed; it is replaced atomically after each
 * {@link #consume} but not forced (a force costs tens of milliseconds on a busy disk, on the path of
 * every device waiting for the spill): after a crash it may name an earlier record, or be unreadable
 * and name none, and what was replayed since is replayed again (InfluxDB overwrites a point with
 * itself: stored once). At open, a record torn by a crash at the end of the last segment is cut off.
 * Only one thread may use a spill; any may ask its {@link #size()}.
 */
public final class Spill implements AutoCloseable {

    /** One spilled batch: the database it is for and its points in line protocol. */
    public record Entry(String database, String lines, long segment, long offset, int size) {}

    private static final Logger log = LoggerFactory.getLogger(Spill.class);
    private static final int HEADER = Integer.BYTES + Integer.BYTES;
    private static final Pattern HEAD = Pattern.compile("(\\d{1,18}) (\\d{1,18})");

    private final Path folder;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<Long> segments = new ArrayList<>();
    /** Where the records of each segment but the tail end (the rest is zeros). */
    private final Map<Long, Long> segmentEnds = new HashMap<>();

    private final ExecutorService preparer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "spill-segment-preparer");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Future<?> nextSegment;
    private FileChannel tail;
    private long tailEnd;
    /** False for the segment found last at open, whose appends grow it until the next one is ready. */
    private boolean tailPrepared;

    private long headSegment;
    private long headOffset;
    /** Written by the one thread that uses the spill; read by others to see how much waits. */
    private volatile long bytes;

    private Spill(Path folder, long maxBytes, long segmentBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the spill in {@code folder} (creating it), recovering what a crash left there. */
    public static Spill open(Path folder, long maxBytes, long segmentBytes) {
        Spill spill = new Spill(folder, maxBytes, segmentBytes);
        try {
            spill.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write spill in " + folder, e);
        }
        return spill;
    }

    public boolean isEmpty() {
        return bytes == 0;
    }

    /** Bytes of records not yet replayed. */
    public long size() {
        return bytes;
    }

    /** Appends the batch and forces it to disk; refuses it when the spill would exceed its bound. */
    public void append(String database, String lines) throws SpillFullException, IOException {
        byte[] name = database.getBytes(StandardCharsets.UTF_8);
        byte[] payload = lines.getBytes(StandardCharsets.UTF_8);
        int bodySize = Short.BYTES + name.length + payload.length;
        int recordSize = HEADER + bodySize;
        if (bytes + recordSize > maxBytes) {
            throw new SpillFullException(maxBytes);
        }
        // prepared from the first append since open on: a spill never used writes nothing
        Future<?> next = nextSegment != null ? nextSegment : prepareNextSegment();
        if ((tailEnd > 0 && tailEnd + recordSize > segmentBytes) || (!tailPrepared && next.isDone())) {
            roll(next);
        }
        ByteBuffer body = ByteBuffer.allocate(bodySize)
                .putShort((short) name.length)
                .put(name)
                .put(payload)
                .flip();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ByteBuffer record = ByteBuffer.allocate(recordSize)
                .putInt(bodySize)
                .putInt((int) crc.getValue())
                .put(body)
                .flip();
        long position = tailEnd;
        while (record.hasRemaining()) {
            position += tail.write(record, position);
        }
        tail.force(false);
        tailEnd = position;
        bytes += recordSize;
    }

    /**
     * The oldest records not yet replayed, in order: at least one if any is waiting, then more while
     * they fit in {@code maxBytes} and stand in the same segment.
     */
    public List<Entry> peek(long maxBytes) throws IOException {
        while (bytes > 0) {
            Path file = segment(headSegment);
            long end = end(headSegment);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                List<Entry> entries = new ArrayList<>();
                long offset = headOffset;
                long taken = 0;
                while (offset < end && (entries.isEmpty() || taken < maxBytes)) {
                    long at = offset;
                    Entry entry = read(channel, headSegment, at)
                            .orElseThrow(() -> new IOException("a damaged record in " + file + " at " + at));
                    entries.add(entry);
                    taken += entry.size();
                    offset += entry.size();
                }
                if (!entries.isEmpty()) {
                    return entries;
                }
            }
            advanceToNextSegment();
        }
        return List.of();
    }

    /** Marks the records, the oldest ones, replayed: they are never returned again, even after a restart. */
    public void consume(List<Entry> entries) throws IOException {
        Entry last = entries.get(entries.size() - 1);
        headSegment = last.segment();
        headOffset = last.offset() + last.size();
        bytes -= entries.stream().mapToLong(Entry::size).sum();
        saveHead();
    }

    @Override
    public void close() throws IOException {
        preparer.shutdownNow(); // a segment cut short is no worse than one never prepared
        try {
            preparer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tail.close();
    }

    private void recover() throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.startsWith("segment-") && name.endsWith(".log"))
                    .map(name -> Long.parseLong(name.substring(8, name.length() - 4)))
                    .sorted()
                    .forEach(segments::add);
        }
        if (segments.isEmpty()) {
            segments.add(0L);
        }
        loadHead();
        for (long id : List.copyOf(segments)) {
            if (id < headSegment) {
                Files.deleteIfExists(segment(id));
                segments.remove(id);
            }
        }
        long last = segments.get(segments.size() - 1);
        for (long id : segments.subList(0, segments.size() - 1)) {
            try (FileChannel channel = FileChannel.open(segment(id), StandardOpenOption.READ)) {
                segmentEnds.put(id, lastWholeRecordEnd(channel, id));
            }
        }
        // the last segment keeps only its whole records; appends grow it, and the next is prepared
        tail = FileChannel.open(
                segment(last), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        tailEnd = lastWholeRecordEnd(tail, last);
        tail.truncate(tailEnd);
        bytes = 0;
        for (long id : segments) {
            long end = end(id);
            bytes += id == headSegment ? Math.max(0, end - headOffset) : end;
        }
    }

    /** Where the segment's records end. */
    private long end(long id) {
        return id == segments.get(segments.size() - 1) ? tailEnd : segmentEnds.get(id);
    }

    /** Where the last whole record of the segment ends: a record torn by a crash is cut off there. */
    private long lastWholeRecordEnd(FileChannel channel, long id) throws IOException {
        long offset = 0;
        Optional<Entry> record;
        while ((record = read(channel, id, offset)).isPresent()) {
            offset += record.get().size();
        }
        return offset;
    }

    private Optional<Entry> read(FileChannel channel, long id, long offset) throws IOException {
        if (channel.size() - offset < HEADER) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        channel.read(header, offset);
        header.flip();
        int bodySize = header.getInt();
        int expectedCrc = header.getInt();
        if (bodySize < Short.BYTES || channel.size() - offset - HEADER < bodySize) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.allocate(bodySize);
        while (body.hasRemaining()) {
            channel.read(body, offset + HEADER + body.position());
        }
        body.flip();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != expectedCrc) {
            return Optional.empty();
        }
        byte[] name = new byte[body.getShort()];
        body.get(name);
        byte[] lines = new byte[body.remaining()];
        body.get(lines);
        return Optional.of(new Entry(
                new String(name, StandardCharsets.UTF_8),
                new String(lines, StandardCharsets.UTF_8),
                id,
                offset,
                HEADER + bodySize));
    }

    private void roll(Future<?> next) throws IOException {
        long current = segments.get(segments.size() - 1);
        boolean prepared = prepared(next);
        tail.close();
        segmentEnds.put(current, tailEnd);
        segments.add(current + 1);
        tail = FileChannel.open(
                segment(current + 1), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!prepared) {
            tail.truncate(0);
        }
        tailEnd = 0;
        tailPrepared = prepared;
        prepareNextSegment();
    }

    /** Starts filling the segment after the tail with zeros, in the background, so that it is ready when needed. */
    private Future<?> prepareNextSegment() {
        Path next = segment(segments.get(segments.size() - 1) + 1);
        Future<?> preparing = preparer.submit(() -> {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(segmentBytes, 1 << 20));
            try (FileChannel channel = FileChannel.open(
                    next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long position = 0; position < segmentBytes; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), segmentBytes - position));
                    position += channel.write(zeros, position);
                }
                channel.force(true);
            }
            return null;
        });
        nextSegment = preparing;
        return preparing;
    }

    /** Waits for the next segment; false when it could not be prepared (it then grows as it is written). */
    private static boolean prepared(Future<?> next) {
        try {
            next.get();
            return true;
        } catch (ExecutionException e) {
            log.warn("could not prepare the next spill segment; it grows as it is written", e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The head segment is read to its end: remove it, unless it is the one being written. */
    private void advanceToNextSegment() throws IOException {
        int index = segments.indexOf(headSegment);
        if (index < 0 || index == segments.size() - 1) {
            throw new IOException("the spill counts " + bytes + " bytes beyond its last record");
        }
        segments.remove(index);
        segmentEnds.remove(headSegment);
        Files.deleteIfExists(segment(headSegment));
        headSegment = segments.get(index);
        headOffset = 0;
        saveHead();
    }

    /** Where replay starts: where {@code head} says, or, when it says nothing usable, the oldest record kept. */
    private void loadHead() throws IOException {
        headSegment = segments.get(0);
        headOffset = 0;
        Path head = folder.resolve("head");
        if (!Files.exists(head)) {
            return;
        }
        Matcher saved =
                HEAD.matcher(Files.readString(head, StandardCharsets.US_ASCII).trim());
        if (saved.matches() && segments.contains(Long.parseLong(saved.group(1)))) {
            headSegment = Long.parseLong(saved.group(1));
            headOffset = Long.parseLong(saved.group(2));
        }
    }

    private void saveHead() throws IOException {
        Path next = folder.resolve("head.next");
        Files.writeString(next, headSegment + " " + headOffset, StandardCharsets.US_ASCII);
        Files.move(next, folder.resolve("head"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path segment(long id) {
        return folder.resolve("segment-" + id + ".log");
    }
}
