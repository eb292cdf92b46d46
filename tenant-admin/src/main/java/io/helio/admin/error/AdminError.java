package io.helio.admin.error;

import io.helio.errors.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The control plane's own error codes, beside the {@link io.helio.errors.CommonError} codes every
 * API shares. Each says its status and what the caller should do.
 */
public enum AdminError implements ErrorCode {
    TENANT_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the tenant id; list tenants to find it."),
    CONFIRMATION_REQUIRED(HttpStatus.BAD_REQUEST, "Repeat the tenant id in the confirm parameter to delete it."),
    APPLICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the client id; list the tenant's applications to find it."),
    APPLICATION_INVALID(HttpStatus.BAD_REQUEST, "Fix the application as the detail says."),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the username; list the tenant's users to find it."),
    USERNAME_TAKEN(HttpStatus.CONFLICT, "Usernames are unique across Helio; choose another."),
    PROVISIONING_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "The time-series store did not answer; retry when it is back.");

    private final HttpStatus status;
    private final String hint;

    AdminError(HttpStatus status, String hint) {
        this.status = status;
        this.hint = hint;
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
