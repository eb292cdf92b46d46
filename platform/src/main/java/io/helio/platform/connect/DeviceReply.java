package io.helio.platform.connect;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The answer to one device request, published on the request's topic with {@code _reply} appended. */
record DeviceReply(
        String id, ReplyCode code, String message, @Nullable JsonNode data) {

    static DeviceReply success(String id, JsonNode data) {
        return new DeviceReply(id, ReplyCode.SUCCESS, "", data);
    }

    static DeviceReply of(String id, ReplyCode code, String message) {
        return new DeviceReply(id, code, message, null);
    }
}
