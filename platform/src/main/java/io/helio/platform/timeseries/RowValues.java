package io.helio.platform.timeseries;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One row's values by point id, in the order of its series' columns, read-only: the ids and their
 * index are the series' (one of each for all its rows), and a row holds only its values. Putting
 * each row's values into a hash map of its own was the largest single cost in the query benchmark
 * (5.8 % of the platform's CPU samples). Answers write a row's values straight from its arrays
 * ({@link AsObject}), and its size is counted there too: walked as a map, each row asked for an entry
 * set, an iterator and an entry a value, a tenth of what a day of minute buckets allocated.
 */
@JsonSerialize(using = RowValues.AsObject.class)
final class RowValues extends AbstractMap<String, Object> {

    /** A series' point ids in column order, and each one's index. */
    record Ids(String[] inOrder, Map<String, Integer> index) {
        static Ids of(List<String> ids) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
            return new Ids(ids.toArray(String[]::new), index);
        }

        /** The index of {@code id}; -1 when the series has no such column. */
        int indexOf(String id) {
            return index.getOrDefault(id, -1);
        }
    }

    private final String[] ids;
    private final Map<String, Integer> index;
    /** By the index of the id; null where the row has no value. */
    private final @Nullable Object[] values;

    RowValues(Ids ids) {
        this.ids = ids.inOrder();
        this.index = ids.index();
        this.values = new Object[this.ids.length];
    }

    void set(int index, Object value) {
        values[index] = value;
    }

    /** The value of the id at {@code index}; null when the row has none. */
    @Nullable
    Object at(int index) {
        return values[index];
    }

    @Override
    public @Nullable Object get(Object id) {
        Integer at = index.get(id);
        return at == null ? null : values[at];
    }

    @Override
    public boolean containsKey(Object id) {
        return get(id) != null;
    }

    @Override
    public int size() {
        int size = 0;
        for (Object value : values) {
            size += value == null ? 0 : 1;
        }
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = after(-1);

                    @Override
                    public boolean hasNext() {
                        return next < ids.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(ids[next], values[next]);
                        next = after(next);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return RowValues.this.size();
            }
        };
    }

    /** The index of the first value after {@code index}; the number of ids when there is none. */
    private int after(int index) {
        int next = index + 1;
        while (next < ids.length && values[next] == null) {
            next++;
        }
        return next;
    }

    /** A row as a JSON object of its values, in column order. */
    static final class AsObject extends ValueSerializer<RowValues> {
        @Override
        public void serialize(RowValues row, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(row);
            Class<?> lastType = null;
            ValueSerializer<Object> serializer = null;
            for (int i = 0; i < row.ids.length; i++) {
                Object value = row.values[i];
                if (value != null) {
                    if (value.getClass() != lastType) { // a row's values are mostly of one type
                        lastType = value.getClass();
                        serializer = context.findTypedValueSerializer(lastType, true);
                    }
                    generator.writeName(row.ids[i]);
                    serializer.serialize(value, generator, context);
                }
            }
            generator.writeEndObject();
        }
    }
}
