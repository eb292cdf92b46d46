package io.helio.platform.query;

import io.helio.platform.api.model.RawDataRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageEncoder;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;

/**
 * Raw records streamed as lines of text, {@value #BATCH} records a write. The server flushes each
 * write of a streaming media type: written one record at a time, a day of one device's records was
 * 86,400 flushes, each a system call and a network packet of a few hundred bytes.
 */
abstract class RawRecordStreamEncoder extends AbstractEncoder<RawDataRecord>
        implements HttpMessageEncoder<RawDataRecord> {

    /** Records a write: influxd sends them a chunk of one to a few hundred rows at a time. */
    static final int BATCH = 100;

    private final MediaType type;
    /** What comes before the first record (a header), or nothing. */
    private final byte[] opening;

    RawRecordStreamEncoder(MediaType type, byte[] opening) {
        super(type);
        this.type = type;
        this.opening = opening;
    }

    /** One record's lines. */
    abstract void write(RawDataRecord record, OutputStream lines) throws IOException;

    @Override
    public boolean canEncode(ResolvableType elementType, @Nullable MimeType mimeType) {
        return RawDataRecord.class.isAssignableFrom(elementType.toClass()) && super.canEncode(elementType, mimeType);
    }

    @Override
    public Flux<DataBuffer> encode(
            Publisher<? extends RawDataRecord> records,
            DataBufferFactory buffers,
            ResolvableType elementType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        Flux<DataBuffer> batches = Flux.from(records).buffer(BATCH).map(batch -> encoded(batch, buffers));
        return opening.length == 0 ? batches : Flux.concat(Flux.just(buffers.wrap(opening)), batches);
    }

    @Override
    public DataBuffer encodeValue(
            RawDataRecord record,
            DataBufferFactory buffers,
            ResolvableType valueType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        return encoded(List.of(record), buffers);
    }

    @Override
    public List<MediaType> getStreamingMediaTypes() {
        return List.of(type);
    }

    private DataBuffer encoded(List<? extends RawDataRecord> batch, DataBufferFactory buffers) {
        DataBuffer encoded = buffers.allocateBuffer(256 * batch.size());
        try (OutputStream lines = encoded.asOutputStream()) {
            for (RawDataRecord record : batch) {
                write(record, lines);
            }
        } catch (IOException e) {
            DataBufferUtils.release(encoded);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            DataBufferUtils.release(encoded);
            throw e;
        }
        return encoded;
    }
}
