package io.helio.platform.query;

import io.helio.platform.api.model.RawDataRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageEncoder;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw records as CSV in long form, one line per record and point, so the columns never depend on
 * the query: {@code productKey,deviceKey,time,timestamp,point,value,quality}. Arrays and structs are
 * their JSON text; each record is written (and flushed) as it comes.
 */
final class RawRecordCsvEncoder extends AbstractEncoder<RawDataRecord> implements HttpMessageEncoder<RawDataRecord> {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    private static final String HEADER = "productKey,deviceKey,time,timestamp,point,value,quality\n";

    private final JsonMapper json;

    RawRecordCsvEncoder(JsonMapper json) {
        super(TEXT_CSV);
        this.json = json;
    }

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
        return Flux.concat(
                Flux.just(buffers.wrap(HEADER.getBytes(StandardCharsets.UTF_8))),
                Flux.from(records).map(record -> encodeValue(record, buffers, elementType, mimeType, hints)));
    }

    @Override
    public DataBuffer encodeValue(
            RawDataRecord record,
            DataBufferFactory buffers,
            ResolvableType valueType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        StringBuilder lines = new StringBuilder(64 * record.getMeasurepoints().size());
        record.getMeasurepoints().forEach((point, value) -> {
            Object quality = null;
            if (value instanceof Map<?, ?> withQuality && withQuality.containsKey("value")) {
                quality = withQuality.get("quality");
                value = withQuality.get("value");
            }
            lines.append(record.getProductKey())
                    .append(',')
                    .append(record.getDeviceKey())
                    .append(',');
            lines.append(record.getTime())
                    .append(',')
                    .append(record.getTimestamp())
                    .append(',');
            lines.append(point).append(',').append(cell(value)).append(',');
            lines.append(quality == null ? "" : quality).append('\n');
        });
        return buffers.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Map || value instanceof List ? json.writeValueAsString(value) : value.toString();
        boolean needsQuotes =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    @Override
    public List<MediaType> getStreamingMediaTypes() {
        return List.of(TEXT_CSV);
    }
}
