package io.helio.platform.connect;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that connected by dynamic activation (secure mode 3) and still wait for their device
 * secret, which is published once they subscribe to their activation topic.
 */
class PendingActivations {

    static final String TOPIC_SUFFIX = "/thing/activate/info";

    private final ConcurrentHashMap<String, DeviceAddress> byClientId = new ConcurrentHashMap<>();

    void expect(String clientId, DeviceAddress device) {
        byClientId.put(clientId, device);
    }

    /** The device waiting on this client id, if the topic is its activation topic; forgotten once taken. */
    Optional<DeviceAddress> take(String clientId, String topic) {
        DeviceAddress device = byClientId.get(clientId);
        if (device == null || !topic.equals(topic(device))) {
            return Optional.empty();
        }
        byClientId.remove(clientId, device);
        return Optional.of(device);
    }

    void forget(String clientId) {
        byClientId.remove(clientId);
    }

    static String topic(DeviceAddress device) {
        return "/ext/session/" + device.product() + "/" + device.device() + TOPIC_SUFFIX;
    }
}
