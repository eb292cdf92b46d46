package io.helio.platform.timeseries;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One row's values by point id, in the order of its series' columns, read-only: the ids are the
 * series' (one array for all its rows), and a row holds only its values. Putting each row's values
 * into a hash map of its own was the largest single cost in the query benchmark (5.8 % of the
 * platform's CPU samples).
 */
final class RowValues extends AbstractMap<String, Object> {

    private final String[] ids;
    /** By the index of the id; null where the row has no value. */
    private final @Nullable Object[] values;

    RowValues(String[] ids) {
        this.ids = ids;
        this.values = new Object[ids.length];
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
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object id) {
        return get(id) != null;
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
                int size = 0;
                for (Object value : values) {
                    size += value == null ? 0 : 1;
                }
                return size;
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
}
