package io.helio.sdk;

import org.jspecify.annotations.Nullable;

/**
 * A Helio API answered with a problem (RFC 9457). {@link #code()} is the stable error code of the
 * service's catalogue (for example {@code DEVICE_NOT_FOUND}); {@link #hint()} says what to do.
 */
public class HelioApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final @Nullable String hint;

    public HelioApiException(int status, String code, String detail, @Nullable String hint) {
        super(status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
        this.hint = hint;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public @Nullable String hint() {
        return hint;
    }

    /** The resource does not exist in the caller's tenant (404). */
    public static final class NotFound extends HelioApiException {
        NotFound(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    /** The request conflicts with the current state, such as a key already taken (409). */
    public static final class Conflict extends HelioApiException {
        Conflict(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    /** The request was refused as invalid (400, 422). */
    public static final class InvalidRequest extends HelioApiException {
        InvalidRequest(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    /** The credentials or token were refused, or lack the scope (401, 403). */
    public static final class NotAuthorized extends HelioApiException {
        NotAuthorized(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    /** Too many requests (429): retry later. */
    public static final class RateLimited extends HelioApiException {
        RateLimited(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    /** The service failed or is unavailable (5xx): retry later. */
    public static final class ServiceFailure extends HelioApiException {
        ServiceFailure(int status, String code, String detail, @Nullable String hint) {
            super(status, code, detail, hint);
        }
    }

    static HelioApiException of(int status, String code, String detail, @Nullable String hint) {
        return switch (status) {
            case 400, 422 -> new InvalidRequest(status, code, detail, hint);
            case 401, 403 -> new NotAuthorized(status, code, detail, hint);
            case 404 -> new NotFound(status, code, detail, hint);
            case 409 -> new Conflict(status, code, detail, hint);
            case 429 -> new RateLimited(status, code, detail, hint);
            default ->
                status >= 500
                        ? new ServiceFailure(status, code, detail, hint)
                        : new HelioApiException(status, code, detail, hint);
        };
    }
}
