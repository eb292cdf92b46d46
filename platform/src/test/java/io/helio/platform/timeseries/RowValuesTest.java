package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RowValuesTest {

    @Test
    void aRowIsTheMapOfItsValuesInColumnOrderWithoutThoseItLacks() {
        RowValues row = new RowValues(RowValues.Ids.of(List.of("temp", "mode", "load")));
        row.set(2, 0.75);
        row.set(0, 21.5);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("temp", 21.5);
        expected.put("load", 0.75);
        assertThat(row).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(row.keySet()).containsExactly("temp", "load");
        assertThat(row.get("load")).isEqualTo(0.75);
        assertThat(row.get("mode")).isNull();
        assertThat(row.containsKey("mode")).isFalse();
        assertThat(row.at(2)).isEqualTo(0.75);
        assertThat(row).hasSize(2);
    }

    @Test
    void aRowIsReadOnlyToOthers() {
        RowValues row = new RowValues(RowValues.Ids.of(List.of("temp")));
        assertThatThrownBy(() -> row.put("temp", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new RowValues(RowValues.Ids.of(List.of("temp")))).isEmpty();
    }

    @Test
    void aRowIsWrittenAsTheJsonObjectOfItsValuesEachByItsOwnSerializer() {
        JsonMapper json = JsonMapper.builder().build();
        RowValues row = new RowValues(RowValues.Ids.of(List.of("temp", "mode", "load", "state", "at")));
        row.set(0, StoredNumber.of("21"));
        row.set(2, Map.of("value", 0.75));
        row.set(3, "on");
        row.set(4, 1_700_000_000_000L);

        assertThat(json.writeValueAsString(row))
                .isEqualTo("{\"temp\":21.0,\"load\":{\"value\":0.75},\"state\":\"on\",\"at\":1700000000000}");
        assertThat(json.writeValueAsString(Map.of("values", new RowValues(RowValues.Ids.of(List.of("temp"))))))
                .isEqualTo("{\"values\":{}}");
    }
}
