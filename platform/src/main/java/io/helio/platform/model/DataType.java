package io.helio.platform.model;

import java.util.EnumSet;
import java.util.Set;

/** The type of a value in a thing model. */
public enum DataType {
    INT,
    FLOAT,
    DOUBLE,
    BOOL,
    STRING,
    ENUM,
    DATE,
    TIMESTAMP,
    ARRAY,
    STRUCT;

    private static final Set<DataType> RANGED = EnumSet.of(INT, FLOAT, DOUBLE, TIMESTAMP);

    /** Whether {@code min} and {@code max} mean something for this type. */
    public boolean isRanged() {
        return RANGED.contains(this);
    }
}
