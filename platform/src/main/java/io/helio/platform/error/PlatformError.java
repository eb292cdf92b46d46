package io.helio.platform.error;

import io.helio.errors.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The data plane's own error codes, beside the {@link io.helio.errors.CommonError} codes every API
 * shares. Each says its status and what the caller should do.
 */
public enum PlatformError implements ErrorCode {
    TENANT_DELETED(HttpStatus.FORBIDDEN, "The tenant has been deleted; nothing of it remains."),
    DEVICE_LOGIN_FAILED(
            HttpStatus.UNAUTHORIZED,
            "Sign clientId, deviceKey, productKey and timestamp with the device secret, as at an MQTT CONNECT."),
    DEVICE_SESSION_UNKNOWN(HttpStatus.UNAUTHORIZED, "Log the device in again at POST /device-sessions."),
    NOT_THE_DEVICES_TOPIC(HttpStatus.FORBIDDEN, "Send on the device's own /sys/{productKey}/{deviceKey}/ topics."),
    TENANT_SUSPENDED(HttpStatus.FORBIDDEN, "The tenant is suspended; its operator can resume it."),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Slow down: retry after the seconds that Retry-After gives."),
    QUOTA_EXCEEDED(HttpStatus.FORBIDDEN, "The tenant's quota does not allow more; its operator can raise it."),
    TENANT_REQUIRED(HttpStatus.FORBIDDEN, "Use the token of a tenant's application; operator tokens carry no tenant."),
    MODEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the model id, or create the thing model first."),
    MODEL_ID_TAKEN(HttpStatus.CONFLICT, "Choose another model id; it must be unique in your tenant."),
    MODEL_INVALID(HttpStatus.BAD_REQUEST, "Fix the model as the detail says."),
    MODEL_CHANGE_BREAKS_USERS(
            HttpStatus.CONFLICT,
            "Keep the elements the named products depend on, with their types; add new elements instead."),
    MODEL_IN_USE(HttpStatus.CONFLICT, "Delete or move what the detail names first."),
    MODEL_CHANGED_CONCURRENTLY(
            HttpStatus.CONFLICT, "Read the model again and apply your change to its latest version."),
    PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the product key, or create the product first."),
    DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the product key and device key, or create the device first."),
    DEVICE_INVALID(HttpStatus.BAD_REQUEST, "Fix the device's attributes, tags or time zone as the detail says."),
    DEVICE_KEY_TAKEN(HttpStatus.CONFLICT, "Choose another device key; it must be unique within its product."),
    NOT_A_GATEWAY(HttpStatus.BAD_REQUEST, "Attach sub-devices to a device whose product is of type GATEWAY."),
    SUB_DEVICE_TAKEN(HttpStatus.CONFLICT, "Detach the device from its current gateway first."),
    SUB_DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "List the gateway's sub-devices to see which are attached."),
    CERTIFICATE_INVALID(
            HttpStatus.BAD_REQUEST,
            "Send the device's one X.509 certificate, PEM-encoded (-----BEGIN CERTIFICATE-----), valid now."),
    CERTIFICATE_ALREADY_REGISTERED(HttpStatus.CONFLICT, "The certificate is registered for this device already."),
    CERTIFICATE_NOT_FOUND(HttpStatus.NOT_FOUND, "List the device's certificates to see their fingerprints."),
    ASSET_TREE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the tree id, or create the asset tree first."),
    ASSET_TREE_ID_TAKEN(HttpStatus.CONFLICT, "Choose another tree id; it must be unique in your tenant."),
    ASSET_NODE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the node id; list the tree's nodes to find it."),
    ASSET_NODE_INVALID(HttpStatus.BAD_REQUEST, "Fix the node as the detail says."),
    ASSET_MOVE_INVALID(HttpStatus.BAD_REQUEST, "Move a node under a node outside its own subtree."),
    UNKNOWN_MEASURE_POINT(
            HttpStatus.BAD_REQUEST, "Ask only for measure points that the product's thing model defines."),
    UNKNOWN_EVENT(HttpStatus.BAD_REQUEST, "Ask only for events that the product's thing model defines."),
    INVALID_TIME_RANGE(HttpStatus.BAD_REQUEST, "Send a start strictly before the end."),
    INVALID_TIME(
            HttpStatus.BAD_REQUEST,
            "Send times as ISO-8601 with an offset (2026-11-25T08:00:00+08:00, + as %2B) or epoch milliseconds."),
    QUERY_TOO_LARGE(
            HttpStatus.BAD_REQUEST, "Ask for fewer devices, points, buckets or a smaller page, as the detail says."),
    INVALID_AGGREGATION(HttpStatus.BAD_REQUEST, "Choose an interval, function, fill and time zone as the detail says."),
    RULE_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the rule id, or create the rule first."),
    RULE_ID_TAKEN(HttpStatus.CONFLICT, "Choose another rule id; it must be unique in your tenant."),
    RULE_INVALID(
            HttpStatus.BAD_REQUEST, "Fix the rule as the detail says: what it watches, its condition or its commands."),
    ALERT_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the alert id; search the alerts to find it."),
    COMMAND_NOT_FOUND(HttpStatus.NOT_FOUND, "Check the command id the command was answered with."),
    COMMAND_INVALID(
            HttpStatus.BAD_REQUEST,
            "Fix the command as the detail says: its service, points or values must fit the model."),
    DEVICE_NOT_CONNECTED(
            HttpStatus.CONFLICT, "Send the command ASYNC (it waits for the device) or when the device is connected."),
    TIMESERIES_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The time-series store did not answer; retry shortly.");

    private final HttpStatus status;
    private final String hint;

    PlatformError(HttpStatus status, String hint) {
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
