package io.helio.edge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.edge.EdgeProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PointMappingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PointMappings mappings = new PointMappings(List.of(new EdgeProperties.Device(
            "pk",
            "dk",
            "secret",
            Map.of(
                    "t_raw", new EdgeProperties.PointMapping("temp", 0.1, -40),
                    "mode", new EdgeProperties.PointMapping("state", 1, 0),
                    "p", new EdgeProperties.PointMapping(null, 1000, 0)))));

    @Test
    void renamesAndConvertsMappedPointsAndPassesTheOthers() {
        JsonNode local = JSON.readTree("""
                {"t_raw": 615, "mode": 3, "p": {"value": 1.5, "quality": 9}, "humidity": 40, "series": [1, 2]}""");

        JsonNode model = mappings.apply("pk", "dk", local);

        assertThat(model.get("temp").asDouble()).isEqualTo(21.5);
        assertThat(model.get("state").isInt()).isTrue(); // a rename keeps an integer an integer
        assertThat(model.get("p").get("value").asDouble()).isEqualTo(1500.0);
        assertThat(model.get("p").get("quality").asInt()).isEqualTo(9);
        assertThat(model.get("humidity").asInt()).isEqualTo(40);
        assertThat(model.has("t_raw")).isFalse();
        assertThat(model.propertyNames()).containsExactlyInAnyOrder("temp", "state", "p", "humidity", "series");
    }

    @Test
    void convertsEachNumberOfAnArrayAndLeavesOtherDevicesAlone() {
        PointMappings arrays = new PointMappings(List.of(new EdgeProperties.Device(
                "pk", "dk", "secret", Map.of("curve", new EdgeProperties.PointMapping("curve", 2, 1)))));

        assertThat(arrays.apply("pk", "dk", JSON.readTree("{\"curve\":[1,2]}"))
                        .get("curve")
                        .toString())
                .isEqualTo("[3.0,5.0]");
        assertThat(arrays.apply("pk", "other", JSON.readTree("{\"curve\":[1,2]}"))
                        .get("curve")
                        .toString())
                .isEqualTo("[1,2]");
    }
}
