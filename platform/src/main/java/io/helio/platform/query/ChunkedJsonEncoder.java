package io.helio.platform.query;

import io.helio.platform.api.model.AggregatedDataColumns;
import io.helio.platform.api.model.AggregatedDataPage;
import io.helio.platform.api.model.EventPage;
import io.helio.platform.api.model.LatestValueList;
import io.helio.platform.api.model.RawDataColumns;
import io.helio.platform.api.model.RawDataPage;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the time-series answers (raw pages, aggregates, both as columns, latest values and events)
 * as JSON into buffers of {@value #CHUNK} bytes from the server's pool, joined into one composite
 * buffer. Spring's own encoder writes an answer into one byte array and copies that into a buffer:
 * a day of minute buckets (1.5 MB) was then a humongous object for G1 (half a heap region or more:
 * 512 KB with a 512 MB heap), and each such allocation started a concurrent collection, whose
 * pauses of 20–40 ms were most of those queries' p99. A small answer is written into one pooled
 * buffer, where Spring's encoder allocated the array, its copy and the generator's own buffers anew
 * for each request.
 */
final class ChunkedJsonEncoder extends AbstractEncoder<Object> implements HttpMessageEncoder<Object> {

    private static final int CHUNK = 64 * 1024;

    private static final Set<Class<?>> ANSWERS = Set.of(
            RawDataPage.class,
            RawDataColumns.class,
            AggregatedDataPage.class,
            AggregatedDataColumns.class,
            LatestValueList.class,
            EventPage.class);

    private final JsonMapper json;

    ChunkedJsonEncoder(JsonMapper json) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
    }

    @Override
    public boolean canEncode(ResolvableType elementType, @Nullable MimeType mimeType) {
        return ANSWERS.contains(elementType.toClass()) && super.canEncode(elementType, mimeType);
    }

    @Override
    public List<MediaType> getStreamingMediaTypes() {
        return List.of();
    }

    @Override
    public Flux<DataBuffer> encode(
            Publisher<?> answers,
            DataBufferFactory buffers,
            ResolvableType elementType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        return Flux.from(answers).map(answer -> encodeValue(answer, buffers, elementType, mimeType, hints));
    }

    @Override
    public DataBuffer encodeValue(
            Object answer,
            DataBufferFactory buffers,
            ResolvableType valueType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        Chunks chunks = new Chunks(buffers);
        try {
            json.writeValue(chunks, answer);
        } catch (RuntimeException e) {
            chunks.written.forEach(DataBufferUtils::release);
            throw e;
        }
        return buffers.join(chunks.written);
    }

    /** An output stream into buffers of {@value #CHUNK} bytes, each allocated once the last is full. */
    private static final class Chunks extends OutputStream {

        private final DataBufferFactory buffers;
        private final List<DataBuffer> written = new ArrayList<>();
        private @Nullable DataBuffer current;

        Chunks(DataBufferFactory buffers) {
            this.buffers = buffers;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (current == null || current.writableByteCount() == 0) {
                    current = buffers.allocateBuffer(CHUNK);
                    written.add(current);
                }
                int part = Math.min(length, current.writableByteCount());
                current.write(bytes, offset, part);
                offset += part;
                length -= part;
            }
        }
    }
}
