package io.helio.platform.model;

/** The type of a measure point's values. */
public enum DataType {
    INT,
    FLOAT,
    DOUBLE,
    BOOL,
    STRING
}
