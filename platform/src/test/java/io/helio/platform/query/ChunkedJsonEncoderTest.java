package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.api.model.AggregateFunction;
import io.helio.platform.api.model.AggregateSource;
import io.helio.platform.api.model.AggregatedDataPage;
import io.helio.platform.api.model.AggregatedRecord;
import io.helio.platform.api.model.LatestValueList;
import io.helio.platform.api.model.RawDataRecord;
import io.helio.platform.support.PlatformTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;

/** Answers written in chunks read exactly as one written whole, and the server writes them so. */
@PlatformTest
class ChunkedJsonEncoderTest {

    @Autowired
    JsonMapper json;

    @Autowired
    ServerCodecConfigurer codecs;

    @Test
    void anAnswerOfManyChunksIsTheJsonOfTheAnswer() {
        // a day of minute buckets of ten devices: 1.5 MB, some 23 chunks
        AggregatedDataPage day = new AggregatedDataPage(
                AggregateFunction.AVG,
                "1m",
                "UTC",
                AggregateSource.ROLLUP_1_M,
                IntStream.range(0, 14_400)
                        .mapToObj(bucket -> {
                            Instant time = Instant.ofEpochSecond(1_700_000_000L + bucket / 10 * 60);
                            return new AggregatedRecord(
                                    "device-" + bucket % 10,
                                    time.atOffset(ZoneOffset.UTC),
                                    time.toEpochMilli(),
                                    Map.of("p0", bucket * 0.37));
                        })
                        .toList());

        DataBuffer written = new ChunkedJsonEncoder(json)
                .encodeValue(
                        day,
                        DefaultDataBufferFactory.sharedInstance,
                        ResolvableType.forClass(AggregatedDataPage.class),
                        MediaType.APPLICATION_JSON,
                        Map.of());
        byte[] bytes = new byte[written.readableByteCount()];
        written.read(bytes);
        DataBufferUtils.release(written);

        byte[] whole = json.writeValueAsBytes(day);
        assertThat(bytes.length).isGreaterThan(20 * 64 * 1024);
        assertThat(bytes).isEqualTo(whole);
    }

    @Test
    void theServerWritesItsAnswersInChunksAndStreamedRecordsAsBefore() {
        assertThat(writerOf(AggregatedDataPage.class)).isInstanceOf(ChunkedJsonEncoder.class);
        assertThat(writerOf(LatestValueList.class)).isInstanceOf(ChunkedJsonEncoder.class);
        assertThat(writerOf(RawDataRecord.class)).isNotInstanceOf(ChunkedJsonEncoder.class);
    }

    /** The encoder of the first writer the server would pick for a JSON answer of this type. */
    private Object writerOf(Class<?> answer) {
        for (HttpMessageWriter<?> writer : codecs.getWriters()) {
            if (writer.canWrite(ResolvableType.forClass(answer), MediaType.APPLICATION_JSON)) {
                return writer instanceof EncoderHttpMessageWriter<?> encoding ? encoding.getEncoder() : writer;
            }
        }
        throw new AssertionError("no writer for " + answer);
    }
}
