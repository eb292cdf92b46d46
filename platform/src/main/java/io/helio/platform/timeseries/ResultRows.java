package io.helio.platform.timeseries;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The rows of one InfluxQL statement's result, series by series, with columns looked up by name. */
final class ResultRows {

    private ResultRows() {}

    /** One row: its time (epoch milliseconds), its series' tags and its columns. */
    static final class Row {
        private final Map<String, Integer> columns;
        private final JsonNode tags;
        private JsonNode values;

        private Row(Map<String, Integer> columns, JsonNode tags) {
            this.columns = columns;
            this.tags = tags;
        }

        long time() {
            return values.get(0).asLong();
        }

        /** The column's value; null when the column is absent or holds null. */
        @Nullable
        JsonNode get(String column) {
            Integer at = columns.get(column);
            JsonNode value = at == null ? null : values.get(at);
            return value == null || value.isNull() ? null : value;
        }

        /** A tag: grouped by ({@code GROUP BY}) or selected as a column. */
        String tag(String name) {
            JsonNode grouped = tags.get(name);
            if (grouped != null) {
                return grouped.asString();
            }
            JsonNode selected = get(name);
            return selected == null ? "" : selected.asString();
        }
    }

    static void forEach(JsonNode result, Consumer<Row> action) {
        for (JsonNode series : result.path("series")) {
            Map<String, Integer> columns = new HashMap<>();
            JsonNode names = series.path("columns");
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i).asString(), i);
            }
            Row row = new Row(columns, series.path("tags"));
            for (JsonNode values : series.path("values")) {
                row.values = values;
                action.accept(row);
            }
        }
    }
}
