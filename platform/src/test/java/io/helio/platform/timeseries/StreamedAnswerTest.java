package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.errors.ApiException;
import io.helio.platform.model.DataType;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.PointId;
import io.helio.platform.model.ValueType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

class StreamedAnswerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, MeasurePoint> points = new LinkedHashMap<>();
    private final List<DeviceKey> devices = List.of(DeviceKey.of("d1"), DeviceKey.of("d2"));

    StreamedAnswerTest() {
        points.put("temp", point("temp", DataType.DOUBLE, false));
        points.put("count", point("count", DataType.INT, false));
        points.put("level", point("level", DataType.FLOAT, true));
    }

    @Test
    void rowsAreTypedByTheirPointsAndDoublesKeepInfluxDbsDigits() {
        List<RawRecord> records = read("""
                {"results":[{"statement_id":0,"series":[{"name":"prod","columns":["time","device","temp","count",\
                "level","level@quality","unasked"],"values":[[1000,"d1",21,7,0.25,2,"x"],[2000,"d2",1e+21,null,\
                1.5,null,[1]],[3000,"d1",-0.1,3,null,1,null]]}]}]}
                """);

        assertThat(records)
                .extracting(RawRecord::device)
                .containsExactly(devices.get(0), devices.get(1), devices.get(0));
        assertThat(records)
                .extracting(RawRecord::time)
                .containsExactly(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000), Instant.ofEpochMilli(3000));
        assertThat(json.readValue(json.writeValueAsString(records.get(0).values()), Map.class))
                .as("as an API answer writes them")
                .isEqualTo(Map.of("temp", 21.0, "count", 7, "level", Map.of("value", 0.25, "quality", 2)));
        assertThat(records.get(0).values().get("temp")).hasToString("21.0");
        assertThat(records.get(0).values().get("count")).isEqualTo(7L);
        assertThat(records.get(0).values().get("level"))
                .isEqualTo(Map.of("value", StoredNumber.of("0.25"), "quality", 2L));
        assertThat(records.get(1).values()).containsOnlyKeys("temp", "level");
        assertThat(((Number) records.get(1).values().get("temp")).doubleValue()).isEqualTo(1e21);
        assertThat(records.get(1).values().get("level")).isEqualTo(Map.of("value", StoredNumber.of("1.5")));
        assertThat(records.get(2).values()).containsOnlyKeys("temp", "count");
    }

    @Test
    void storedDoublesAreWrittenAsTheNumbersTheyAre() {
        List<RawRecord> records = read("""
                {"results":[{"statement_id":0,"series":[{"name":"prod","columns":["time","device","temp"],\
                "values":[[1000,"d1",21],[2000,"d1",-0.1],[3000,"d1",1e-07]]}]}]}
                """);

        List<Object> written = records.stream()
                .map(record -> json.readValue(json.writeValueAsString(record.values()), Map.class)
                        .get("temp"))
                .toList();
        assertThat(written).containsExactly(21.0, -0.1, 1e-7);
    }

    @Test
    void aDeviceGroupedByComesFromTheSeriesTags() {
        List<RawRecord> records = read("""
                {"results":[{"statement_id":0,"series":[{"name":"prod","tags":{"device":"d2"},\
                "columns":["time","temp"],"values":[[1000,5.5]]}]}]}
                """);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.device()).isEqualTo(devices.get(1));
            assertThat(record.values()).containsEntry("temp", StoredNumber.of("5.5"));
        });
    }

    @Test
    void aggregatesAreTypedByTheirReaderAndNeverWrappedWithAQuality() {
        String answer = """
                {"results":[{"statement_id":0,"series":[{"name":"prod","tags":{"device":"d1"},\
                "columns":["time","level","count"],"values":[[1000,0.5,3]]}]},{"statement_id":1,"series":[\
                {"name":"prod","tags":{"device":"d2"},"columns":["time","level","count"],"values":[[2000,null,4]]}]}]}
                """;
        List<AggregateRow> rows;
        try (JsonParser parser = json.createParser(answer)) {
            rows = StreamedAnswer.ofAggregates(
                            points, devices, (value, point) -> point.id().value() + "=" + value.getString())
                    .rows(parser);
        }

        assertThat(rows).extracting(AggregateRow::device).containsExactly(devices.get(0), devices.get(1));
        assertThat(rows.get(0).values())
                .containsExactly(Map.entry("level", "level=0.5"), Map.entry("count", "count=3"));
        assertThat(rows.get(1).values()).containsExactly(Map.entry("count", "count=4"));
    }

    @Test
    void aRowThatNamesNoDeviceFailsTheAnswer() {
        assertThatThrownBy(() -> read("""
                        {"results":[{"statement_id":0,"series":[{"name":"prod","columns":["time","temp"],\
                        "values":[[1000,5.5]]}]}]}
                        """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without its device");
    }

    @Test
    void anEmptyAnswerHasNoRecords() {
        assertThat(read("{\"results\":[{\"statement_id\":0}]}")).isEmpty();
    }

    @Test
    void anErrorInTheAnswerFailsTheQueryWithInfluxDbsWords() {
        assertThatThrownBy(() -> read("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: t1\"}]}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("database not found: t1");
        assertThatThrownBy(() -> read("{\"error\":\"error parsing query\"}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("error parsing query");
    }

    private List<RawRecord> read(String answer) {
        try (JsonParser parser = json.createParser(answer)) {
            return StreamedAnswer.ofRecords(new StoredValues(json), points, devices)
                    .rows(parser);
        }
    }

    private static MeasurePoint point(String id, DataType type, boolean quality) {
        return new MeasurePoint(
                PointId.of(id),
                null,
                null,
                new ValueType(type, null, null, null, null, List.of(), null, null, List.of()),
                quality);
    }
}
