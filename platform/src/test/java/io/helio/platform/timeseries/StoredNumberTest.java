package io.helio.platform.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.model.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

class StoredNumberTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aNumberReadsBackAndIsWrittenAsInfluxDbWroteIt() {
        List<String> texts = List.of(
                "0.25",
                "-1.5e-07",
                "1e+21",
                "6.02214076E23",
                "-1.2345678901234567e-308"); // the longest text InfluxDB writes for a double
        for (String text : texts) {
            StoredNumber number = StoredNumber.of(text);

            assertThat(number).hasToString(text);
            assertThat(json.writeValueAsString(number)).isEqualTo(text);
            assertThat(number.doubleValue()).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void aWholeNumberStillReadsAsFloatingPoint() {
        assertThat(StoredNumber.of("21")).hasToString("21.0");
        assertThat(json.writeValueAsString(StoredNumber.of("-300"))).isEqualTo("-300.0");
    }

    @Test
    void numbersReadFromAnAnswerKeepTheirText() {
        StoredValues stored = new StoredValues(json);
        List<String> read = new ArrayList<>();
        try (JsonParser parser = json.createParser("[1.5e-07,42,0.1,-7.25]")) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken().isNumeric()) {
                    read.add(stored.read(parser, DataType.DOUBLE).toString());
                }
            }
        }

        assertThat(read).containsExactly("1.5e-07", "42.0", "0.1", "-7.25");
    }

    @Test
    void numbersAreEqualByTheirValue() {
        assertThat(StoredNumber.of("1.50")).isEqualTo(StoredNumber.of("1.5")).hasSameHashCodeAs(StoredNumber.of("1.5"));
        assertThat(StoredNumber.of("1.5")).isNotEqualTo(StoredNumber.of("1.25"));
    }
}
