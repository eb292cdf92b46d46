package io.helio.admin.error;

import org.springframework.http.HttpStatus;

/** The control plane's error catalogue: a stable code, its HTTP status and what the caller should do. */
public enum AdminError {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Fix the request as the detail says and send it again."),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Send a valid bearer token from POST /oauth2/token."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Use a token whose scopes allow this operation."),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the path against the API documentation."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Use a method that the API documents for this path."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Accept application/json."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."),
    TENANT_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the tenant id; list tenants to find it."),
    PROVISIONING_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "The time-series store did not answer; retry when it is back."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Retry later; report it if it persists.");

    private final HttpStatus status;
    private final String hint;

    AdminError(HttpStatus status, String hint) {
        this.status = status;
        this.hint = hint;
    }

    /** The catalogue entry for a framework-level rejection with this status. */
    public static AdminError forStatus(int status) {
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

    public HttpStatus status() {
        return status;
    }

    public String hint() {
        return hint;
    }
}
