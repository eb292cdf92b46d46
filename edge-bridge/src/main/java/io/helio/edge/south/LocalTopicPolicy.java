package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/** A site device publishes and subscribes only under its own {@code /sys/{productKey}/{deviceKey}/}. */
final class LocalTopicPolicy implements IAuthorizatorPolicy {

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return owns(user, topic.toString());
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return owns(user, topic.toString());
    }

    private static boolean owns(String user, String topic) {
        return DeviceKeys.fromUsername(user)
                .filter(device -> device.owns(topic))
                .isPresent();
    }
}
