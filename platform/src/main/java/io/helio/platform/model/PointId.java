package io.helio.platform.model;

/** A measure point's identifier, unique in its model. */
public record PointId(String value) {

    public PointId {
        Identifiers.require(Identifiers.ELEMENT, value, "measure point identifier");
    }

    public static PointId of(String value) {
        return new PointId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
