package io.helio.errors;

import org.springframework.http.HttpStatus;

/** The codes every Helio HTTP API shares: rejections of a request before any domain logic. */
public enum CommonError implements ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Fix the request as the detail says and send it again."),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Send a valid bearer token from Helio's authorization server."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Use a token whose scopes allow this operation."),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the path against the API documentation."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Use a method that the API documents for this path."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Accept application/json."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Retry later; report it if it persists.");

    private final HttpStatus status;
    private final String hint;

    CommonError(HttpStatus status, String hint) {
        this.status = status;
        this.hint = hint;
    }

    /** The code for a framework-level rejection with this status (no route, wrong method, ...). */
    public static CommonError forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> RESOURCE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 400 && status < 500 ? VALIDATION_FAILED : INTERNAL_ERROR;
        };
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String hint() {
        return hint;
    }
}
