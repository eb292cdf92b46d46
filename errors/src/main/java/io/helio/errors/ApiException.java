package io.helio.errors;

/** A failure that the caller should see as a problem response with a catalogued code. */
public class ApiException extends RuntimeException {

    private final ErrorCode error;

    public ApiException(ErrorCode error, String detail) {
        super(detail);
        this.error = error;
    }

    public ApiException(ErrorCode error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
