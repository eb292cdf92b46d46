package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.api.model.RawDataRecord;
import io.helio.platform.support.PlatformTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** Streamed records go out a batch of records a write (each write is flushed), in the same text as one by one. */
@PlatformTest
class RawRecordStreamEncoderTest {

    private static final List<RawDataRecord> RECORDS = IntStream.range(0, 250)
            .mapToObj(i -> {
                Instant time = Instant.ofEpochSecond(1_700_000_000L + i);
                return new RawDataRecord(
                        "meter", "d1", time.atOffset(ZoneOffset.UTC), time.toEpochMilli(), Map.of("v", i));
            })
            .toList();

    @Autowired
    JsonMapper json;

    @Autowired
    ServerCodecConfigurer codecs;

    @Test
    void ndjsonComesInWritesOfAHundredRecordsEachOnItsLine() {
        List<String> writes = writes(RawRecordJsonEncoder.lines(json), MediaType.APPLICATION_NDJSON);

        assertThat(writes).hasSize(3);
        assertThat(String.join("", writes))
                .isEqualTo(RECORDS.stream()
                        .map(record -> json.writeValueAsString(record) + "\n")
                        .collect(Collectors.joining()));
        assertThat(writes.get(2).split("\n")).hasSize(50);
    }

    @Test
    void aJsonArrayComesInWritesOfAHundredRecordsBetweenItsBrackets() {
        List<String> writes = writes(RawRecordJsonEncoder.array(json), MediaType.APPLICATION_JSON);

        assertThat(writes).hasSize(5);
        assertThat(writes.get(0)).isEqualTo("[");
        assertThat(writes.get(4)).isEqualTo("]");
        assertThat(String.join("", writes)).isEqualTo(json.writeValueAsString(RECORDS));
        assertThat(writes(RawRecordJsonEncoder.array(json), MediaType.APPLICATION_JSON, List.of()))
                .containsExactly("[", "]");
    }

    @Test
    void csvComesAsItsHeaderThenWritesOfAHundredRecords() {
        List<String> writes = writes(new RawRecordCsvEncoder(json), RawRecordCsvEncoder.TEXT_CSV);

        assertThat(writes).hasSize(4);
        assertThat(writes.get(0)).isEqualTo("productKey,deviceKey,time,timestamp,point,value,quality\n");
        assertThat(writes.get(1).split("\n")).hasSize(100);
        assertThat(writes.get(1)).startsWith("meter,d1,2023-11-14T22:13:20Z,1700000000000,v,0,\n");
        assertThat(writes.get(3).split("\n")).hasSize(50);
    }

    @Test
    void theServerStreamsRecordsWithThem() {
        assertThat(encoderOf(MediaType.APPLICATION_NDJSON)).isInstanceOf(RawRecordJsonEncoder.class);
        assertThat(encoderOf(MediaType.APPLICATION_JSON)).isInstanceOf(RawRecordJsonEncoder.class);
        assertThat(encoderOf(RawRecordCsvEncoder.TEXT_CSV)).isInstanceOf(RawRecordCsvEncoder.class);
    }

    private static List<String> writes(RawRecordStreamEncoder encoder, MediaType type) {
        return writes(encoder, type, RECORDS);
    }

    private static List<String> writes(RawRecordStreamEncoder encoder, MediaType type, List<RawDataRecord> records) {
        return encoder.encode(
                        Flux.fromIterable(records),
                        DefaultDataBufferFactory.sharedInstance,
                        ResolvableType.forClass(RawDataRecord.class),
                        type,
                        Map.of())
                .map(RawRecordStreamEncoderTest::text)
                .collectList()
                .block();
    }

    private static String text(DataBuffer write) {
        String text = write.toString(StandardCharsets.UTF_8);
        DataBufferUtils.release(write);
        return text;
    }

    /** The encoder of the first writer the server would pick for records in this media type. */
    private Object encoderOf(MediaType type) {
        for (HttpMessageWriter<?> writer : codecs.getWriters()) {
            if (writer.canWrite(ResolvableType.forClass(RawDataRecord.class), type)) {
                return writer instanceof EncoderHttpMessageWriter<?> encoding ? encoding.getEncoder() : writer;
            }
        }
        throw new AssertionError("no writer for " + type);
    }
}
