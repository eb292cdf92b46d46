package io.helio.platform.error;

import org.springframework.http.HttpStatus;

/** The data plane's error catalogue: a stable code, its HTTP status and what the caller should do. */
public enum PlatformError {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Fix the request as the detail says and send it again."),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Send a valid bearer token from Helio's authorization server."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Use a token whose scopes allow this operation."),
    TENANT_REQUIRED(HttpStatus.FORBIDDEN, "Use the token of a tenant's application; operator tokens carry no tenant."),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the path against the API documentation."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Use a method that the API documents for this path."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Accept application/json."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."),
    MODEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the model id, or create the thing model first."),
    MODEL_ID_TAKEN(HttpStatus.CONFLICT, "Choose another model id; it must be unique in your tenant."),
    MODEL_INVALID(HttpStatus.BAD_REQUEST, "Fix the model as the detail says."),
    PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the product key, or create the product first."),
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the product key and device key, or create the device first."),
    DEVICE_KEY_TAKEN(HttpStatus.CONFLICT, "Choose another device key; it must be unique within its product."),
    UNKNOWN_MEASURE_POINT(
            HttpStatus.BAD_REQUEST, "Ask only for measure points that the product's thing model defines."),
    INVALID_TIME_RANGE(HttpStatus.BAD_REQUEST, "Send a start strictly before the end."),
    TIMESERIES_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The time-series store did not answer; retry shortly."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Retry later; report it if it persists.");

    private final HttpStatus status;
    private final String hint;

    PlatformError(HttpStatus status, String hint) {
        this.status = status;
        this.hint = hint;
    }

    /** The catalogue entry for a framework-level rejection with this status. */
    public static PlatformError forStatus(int status) {
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
