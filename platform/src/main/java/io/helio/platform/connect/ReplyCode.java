package io.helio.platform.connect;

/** The reply codes of the EnOS device protocol. */
enum ReplyCode {
    SUCCESS(200),
    MESSAGE_TOO_LARGE(1008),
    INVALID_PAYLOAD(1204),
    MALFORMED_JSON(1220),
    EMPTY_PAYLOAD(1251),
    DEVICE_NOT_FOUND(1257),
    METHOD_MISMATCH(1260),
    RATE_LIMITED(429),
    NOT_ACCEPTED(500);

    private final int code;

    ReplyCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
