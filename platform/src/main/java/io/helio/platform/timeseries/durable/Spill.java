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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * An append-only log of write batches on local disk, bounded in bytes, read back oldest first.
 *
 * <p>Segment files {@code segment-N.log} hold records {@code [length][crc32][database][lines]}; a
 * record is on disk (forced) when {@link #append} returns. {@code head} names the first record not yet
 * replayed; it is replaced atomically after each {@link #consume} but not forced (a force costs tens of
 * milliseconds on a busy disk, on the path of every device waiting for the spill): after a crash it
 * may name an earlier record, or be unreadable and name none, and what was replayed since is replayed
 * again (InfluxDB overwrites a point with itself: stored once). At open, a record torn by a crash at
 * the end of the last segment is cut off. Only one thread may use a spill; any may ask its
 * {@link #size()}.
 */
public final class Spill implements AutoCloseable {

    /** One spilled batch: the database it is for and its points in line protocol. */
    public record Entry(String database, String lines, long segment, long offset, int size) {}

    private static final int HEADER = Integer.BYTES + Integer.BYTES;
    private static final Pattern HEAD = Pattern.compile("(\\d{1,18}) (\\d{1,18})");

    private final Path folder;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<Long> segments = new ArrayList<>();
    private FileChannel tail;
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
        if (tail.size() > 0 && tail.size() + recordSize > segmentBytes) {
            roll();
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
        long position = tail.size();
        while (record.hasRemaining()) {
            position += tail.write(record, position);
        }
        tail.force(false);
        bytes += recordSize;
    }

    /**
     * The oldest records not yet replayed, in order: at least one if any is waiting, then more while
     * they fit in {@code maxBytes} and stand in the same segment.
     */
    public List<Entry> peek(long maxBytes) throws IOException {
        while (bytes > 0) {
            Path file = segment(headSegment);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                List<Entry> entries = new ArrayList<>();
                long offset = headOffset;
                long taken = 0;
                while (offset < channel.size() && (entries.isEmpty() || taken < maxBytes)) {
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
        tail = FileChannel.open(
                segment(last), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        tail.truncate(lastWholeRecordEnd(tail, last));
        bytes = 0;
        for (long id : segments) {
            long size = id == last ? tail.size() : Files.size(segment(id));
            bytes += id == headSegment ? Math.max(0, size - headOffset) : size;
        }
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

    private void roll() throws IOException {
        tail.close();
        long next = segments.get(segments.size() - 1) + 1;
        segments.add(next);
        tail = FileChannel.open(
                segment(next), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The head segment is read to its end: remove it, unless it is the one being written. */
    private void advanceToNextSegment() throws IOException {
        int index = segments.indexOf(headSegment);
        if (index < 0 || index == segments.size() - 1) {
            throw new IOException("the spill counts " + bytes + " bytes beyond its last record");
        }
        segments.remove(index);
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
