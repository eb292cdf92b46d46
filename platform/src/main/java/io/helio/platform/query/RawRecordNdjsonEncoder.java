package io.helio.platform.query;

import io.helio.platform.api.model.RawDataRecord;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Raw records as NDJSON: each record a JSON object on a line of its own. */
final class RawRecordNdjsonEncoder extends RawRecordStreamEncoder {

    private final JsonMapper json;

    RawRecordNdjsonEncoder(JsonMapper json) {
        super(MediaType.APPLICATION_NDJSON, new byte[0]);
        this.json = json;
    }

    @Override
    void write(RawDataRecord record, OutputStream lines) throws IOException {
        lines.write(json.writeValueAsBytes(record));
        lines.write('\n');
    }
}
