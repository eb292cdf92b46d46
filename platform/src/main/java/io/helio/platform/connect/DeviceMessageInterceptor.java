package io.helio.platform.connect;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBufUtil;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what devices publish. Moquette releases the payload when this returns, so it is copied
 * here; the request is then handled asynchronously.
 */
class DeviceMessageInterceptor extends AbstractInterceptHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceMessageInterceptor.class);

    private final DeviceRequestDispatcher dispatcher;
    private final Clock clock;

    DeviceMessageInterceptor(DeviceRequestDispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public String getID() {
        return "helio-device-requests";
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        if (ReplySender.PLATFORM_CLIENT_ID.equals(message.getClientID())) {
            return;
        }
        dispatcher.dispatch(message.getTopicName(), ByteBufUtil.getBytes(message.getPayload()), clock.instant());
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        log.error("MQTT session loop failed", error);
    }
}
