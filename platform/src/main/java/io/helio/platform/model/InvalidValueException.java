package io.helio.platform.model;

/** A value does not fit its type in the thing model; the message says why. */
public class InvalidValueException extends IllegalArgumentException {

    public InvalidValueException(String message) {
        super(message);
    }
}
