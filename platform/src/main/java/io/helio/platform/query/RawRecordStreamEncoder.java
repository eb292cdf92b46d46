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
import reactor.core.publisher.Mono;

/**
 * Raw records streamed as text, {@value #BATCH} records a write, between an opening and a closing
 * and with a separator between records where the format has them. The server flushes each write of
 * a streaming media type: written one record at a time, a day of one device's records was 86,400
 * flushes, each a system call and a network packet of a few hundred bytes.
 */
abstract class RawRecordStreamEncoder extends AbstractEncoder<RawDataRecord>
        implements HttpMessageEncoder<RawDataRecord> {

    /** Records a write: influxd sends them a chunk of one to a few hundred rows at a time. */
    static final int BATCH = 100;

    static final byte[] NOTHING = {};

    private final MediaType type;
    private final byte[] opening;
    private final byte[] separator;
    private final byte[] closing;

    /** {@code opening} comes before the first record (a header, a bracket), {@code closing} after the last. */
    RawRecordStreamEncoder(MediaType type, byte[] opening, byte[] separator, byte[] closing) {
        super(type);
        this.type = type;
        this.opening = opening;
        this.separator = separator;
        this.closing = closing;
    }

    /** One record's text. */
    abstract void write(RawDataRecord record, OutputStream text) throws IOException;

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
        Flux<DataBuffer> batches = Flux.from(records)
                .buffer(BATCH)
                .index()
                .map(batch -> encoded(batch.getT2(), batch.getT1() == 0, buffers));
        return Flux.concat(framing(opening, buffers), batches, framing(closing, buffers));
    }

    @Override
    public DataBuffer encodeValue(
            RawDataRecord record,
            DataBufferFactory buffers,
            ResolvableType valueType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        return encoded(List.of(record), true, buffers);
    }

    @Override
    public List<MediaType> getStreamingMediaTypes() {
        return List.of(type);
    }

    private static Mono<DataBuffer> framing(byte[] bytes, DataBufferFactory buffers) {
        return bytes.length == 0 ? Mono.empty() : Mono.fromSupplier(() -> buffers.wrap(bytes));
    }

    private DataBuffer encoded(List<? extends RawDataRecord> batch, boolean first, DataBufferFactory buffers) {
        DataBuffer encoded = buffers.allocateBuffer(256 * batch.size());
        try (OutputStream text = encoded.asOutputStream()) {
            for (int r = 0; r < batch.size(); r++) {
                if (r > 0 || !first) {
                    text.write(separator);
                }
                write(batch.get(r), text);
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
