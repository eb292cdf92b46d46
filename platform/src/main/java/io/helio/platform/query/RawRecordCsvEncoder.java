package io.helio.platform.query;

import io.helio.platform.api.model.RawDataRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw records as CSV in long form, one line per record and point, so the columns never depend on
 * the query: {@code productKey,deviceKey,time,timestamp,point,value,quality}. Arrays and structs are
 * their JSON text.
 */
final class RawRecordCsvEncoder extends RawRecordStreamEncoder {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    private static final byte[] HEADER =
            "productKey,deviceKey,time,timestamp,point,value,quality\n".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;

    RawRecordCsvEncoder(JsonMapper json) {
        super(TEXT_CSV, HEADER, NOTHING, NOTHING);
        this.json = json;
    }

    @Override
    void write(RawDataRecord record, OutputStream out) throws IOException {
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
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
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
}
