package io.helio.platform.timeseries;

import io.helio.platform.model.DataType;
import java.util.Set;

/** How the values in a time bucket are combined, and what each takes from raw data and from a rollup. */
public enum Aggregation {
    COUNT("count", "sum", "count_", true),
    AVG("mean", null, null, false),
    SUM("sum", "sum", "sum_", false),
    MIN("min", "min", "min_", false),
    MAX("max", "max", "max_", false),
    FIRST("first", "first", "first_", true),
    LAST("last", "last", "last_", true);

    private static final Set<DataType> NUMERIC = Set.of(DataType.INT, DataType.FLOAT, DataType.DOUBLE);

    private final String rawFunction;
    private final String rollupFunction;
    private final String rollupField;
    private final boolean anyType;

    Aggregation(String rawFunction, String rollupFunction, String rollupField, boolean anyType) {
        this.rawFunction = rawFunction;
        this.rollupFunction = rollupFunction;
        this.rollupField = rollupField;
        this.anyType = anyType;
    }

    /** InfluxDB computes min, max, sum and mean of numbers only; counts, firsts and lasts of anything. */
    public boolean appliesTo(DataType type) {
        return anyType || NUMERIC.contains(type);
    }

    /** Whether every value it yields is a number (so empty buckets may be interpolated). */
    public boolean yieldsNumbers(DataType type) {
        return this == COUNT || NUMERIC.contains(type);
    }

    /** The aggregate of a raw field. */
    String ofRaw(String field) {
        return rawFunction + "(" + field + ")";
    }

    /**
     * The same aggregate from a rollup's fields (which hold {@code count_}, {@code sum_},
     * {@code min_}, {@code max_}, {@code first_} and {@code last_} of each field per bucket): counts
     * add up, an average is the sum of sums over the sum of counts.
     */
    String ofRollup(String field) {
        if (this == AVG) {
            return "sum(" + InfluxQl.quoted("sum_" + field) + ") / sum(" + InfluxQl.quoted("count_" + field) + ")";
        }
        return rollupFunction + "(" + InfluxQl.quoted(rollupField + field) + ")";
    }

    /**
     * The same aggregate when each bucket asked for is exactly one of the rollup's: the rollup's own
     * field, no aggregating left to do (an average is its sum over its count).
     */
    String ofRollupBucket(String field) {
        if (this == AVG) {
            return InfluxQl.quoted("sum_" + field) + " / " + InfluxQl.quoted("count_" + field);
        }
        return InfluxQl.quoted(rollupField + field);
    }
}
