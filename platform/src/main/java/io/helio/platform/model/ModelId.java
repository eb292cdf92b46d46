package io.helio.platform.model;

/** A thing model's identifier, unique in its tenant. */
public record ModelId(String value) {

    public ModelId {
        Identifiers.require(Identifiers.ELEMENT, value, "model id");
    }

    public static ModelId of(String value) {
        return new ModelId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
