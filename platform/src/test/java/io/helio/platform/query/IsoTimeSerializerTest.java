package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

class IsoTimeSerializerTest {

    private static final List<ZoneId> ZONES = List.of(
            ZoneOffset.UTC,
            ZoneId.of("Asia/Shanghai"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("Europe/Dublin"),
            ZoneOffset.ofHoursMinutes(-9, -30),
            ZoneOffset.ofHoursMinutesSeconds(1, 2, 3));

    @Test
    void writesWhatTheIsoFormatterWrites() {
        Random random = new Random(20261126);
        int[] nanos = {0, 1, 500_000_000, 123_000_000, 120_000_000, 1_000, 999_999_999, 10_000_000};
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_000_000_000L, 300_000_000_000L); // years 0004 to 11476
            Instant instant = Instant.ofEpochSecond(
                    seconds, i % 3 == 0 ? random.nextInt(1_000_000_000) : nanos[i % nanos.length]);
            OffsetDateTime time = OffsetDateTime.ofInstant(instant, ZONES.get(i % ZONES.size()));
            assertThat(IsoTimeSerializer.format(time)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    @Test
    void aTimeWrittenAgainInTheSameAnswerReadsTheSameAndAnotherItsOwn() {
        JsonMapper json = JsonMapper.builder()
                .addModule(new SimpleModule("iso-times").addSerializer(OffsetDateTime.class, new IsoTimeSerializer()))
                .build();
        OffsetDateTime first = OffsetDateTime.ofInstant(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        OffsetDateTime second = first.plusMinutes(1).withOffsetSameInstant(ZoneOffset.ofHours(8));

        assertThat(json.writeValueAsString(List.of(first, first, second, first)))
                .isEqualTo("[\"2023-11-14T22:13:20Z\",\"2023-11-14T22:13:20Z\",\"2023-11-15T06:14:20+08:00\","
                        + "\"2023-11-14T22:13:20Z\"]");
    }

    @Test
    void writesTheCommonCasesAsDocumented() {
        assertThat(IsoTimeSerializer.format(OffsetDateTime.parse("2023-11-15T00:00:00+08:00")))
                .isEqualTo("2023-11-15T00:00:00+08:00");
        assertThat(IsoTimeSerializer.format(
                        Instant.ofEpochMilli(1_700_000_000_120L).atOffset(ZoneOffset.UTC)))
                .isEqualTo("2023-11-14T22:13:20.12Z");
    }
}
