package io.helio.errors;

import org.springframework.http.HttpStatus;

/** An entry of an error catalogue: a stable name, its HTTP status and what the caller should do. */
public interface ErrorCode {

    /** The stable, machine-readable code, such as {@code DEVICE_NOT_FOUND}. */
    String name();

    HttpStatus status();

    String hint();
}
