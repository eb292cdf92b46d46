package io.helio.admin.error;

/** A failure that the caller should see as a problem response with a catalogued code. */
public class AdminException extends RuntimeException {

    private final AdminError error;

    public AdminException(AdminError error, String detail) {
        super(detail);
        this.error = error;
    }

    public AdminException(AdminError error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    public AdminError error() {
        return error;
    }
}
