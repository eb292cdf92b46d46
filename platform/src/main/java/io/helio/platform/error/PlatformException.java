package io.helio.platform.error;

/** A failure that the caller should see as a problem response with a catalogued code. */
public class PlatformException extends RuntimeException {

    private final PlatformError error;

    public PlatformException(PlatformError error, String detail) {
        super(detail);
        this.error = error;
    }

    public PlatformException(PlatformError error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    public PlatformError error() {
        return error;
    }
}
