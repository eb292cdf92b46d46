package io.helio.platform.ingest;

/** A device's data does not fit its thing model; the message says which point and why. */
public class InvalidPayloadException extends RuntimeException {

    public InvalidPayloadException(String message) {
        super(message);
    }
}
