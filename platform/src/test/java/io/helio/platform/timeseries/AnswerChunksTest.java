package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

/** An answer in chunks, as its bytes may arrive from influxd: split anywhere, several in one buffer. */
class AnswerChunksTest {

    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<ByteBuf> arrived = new ArrayList<>();

    @Test
    void chunksComeWholeHoweverTheirBytesArrive() {
        List<String> chunks =
                read("{\"a\":1}\n{\"b\"", ":2}\n", "{\"c\":", "3", "}\n\n{\"d\":4}\n{\"e\":5}", "\n{\"f\":6}");

        assertThat(chunks)
                .containsExactly(
                        "{\"a\":1}\n", "{\"b\":2}\n", "{\"c\":3}\n", "{\"d\":4}\n", "{\"e\":5}\n", "{\"f\":6}");
        assertThat(arrived).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void aChunkLargerThanTheLimitFailsAndItsBytesAreReleased() {
        Flux<DataBuffer> body =
                Flux.just("{\"a\":1}\n{\"b\":\"", "0123456789", "0123456789").map(this::buffer);

        assertThatThrownBy(() -> AnswerChunks.of(body, 16)
                        .doOnNext(DataBufferUtils::release)
                        .blockLast())
                .isInstanceOf(DataBufferLimitException.class)
                .hasMessageContaining("16 bytes");
        assertThat(arrived).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void chunksNotYetTakenAreReleasedWhenTheReaderCancels() {
        Flux<DataBuffer> body =
                Flux.just("{\"a\":1}\n{\"b\":2}\n{\"c\"", ":3}\n").map(this::buffer);

        DataBuffer first = AnswerChunks.of(body, 1024).blockFirst();
        DataBufferUtils.release(first);

        assertThat(arrived).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    private List<String> read(String... parts) {
        return AnswerChunks.of(Flux.fromArray(parts).map(this::buffer), 1024)
                .map(chunk -> {
                    String text = chunk.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(chunk);
                    return text;
                })
                .collectList()
                .block();
    }

    private DataBuffer buffer(String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        arrived.add(bytes);
        return buffers.wrap(bytes);
    }
}
