package io.helio.platform.connect;

/** The answer to one device request, published on the request's topic with {@code _reply} appended. */
record DeviceReply(String id, ReplyCode code, String message) {

    static DeviceReply success(String id) {
        return new DeviceReply(id, ReplyCode.SUCCESS, "");
    }
}
