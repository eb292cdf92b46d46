package io.helio.platform.query;

import io.helio.platform.api.model.RawDataRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Raw records as JSON: an array of them, or NDJSON (each record on a line of its own). */
final class RawRecordJsonEncoder extends RawRecordStreamEncoder {

    private final JsonMapper json;
    /** What follows each record. */
    private final byte[] ending;

    private RawRecordJsonEncoder(
            JsonMapper json, MediaType type, String opening, String separator, String closing, String ending) {
        super(type, bytes(opening), bytes(separator), bytes(closing));
        this.json = json;
        this.ending = bytes(ending);
    }

    static RawRecordJsonEncoder array(JsonMapper json) {
        return new RawRecordJsonEncoder(json, MediaType.APPLICATION_JSON, "[", ",", "]", "");
    }

    static RawRecordJsonEncoder lines(JsonMapper json) {
        return new RawRecordJsonEncoder(json, MediaType.APPLICATION_NDJSON, "", "", "", "\n");
    }

    @Override
    void write(RawDataRecord record, OutputStream text) throws IOException {
        text.write(json.writeValueAsBytes(record));
        text.write(ending);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
