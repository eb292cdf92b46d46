package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.Optional;

/** The topics of the EnOS device protocol that belong to one device. */
final class DeviceTopics {

    static final String REPLY_SUFFIX = "_reply";

    /** A topic under {@code /sys/{pk}/{dk}/}: whose it is and what follows. */
    record SysTopic(ProductKey product, DeviceKey device, String path) {

        /** The method a request on this topic must carry: {@code thing/measurepoint/post} is {@code thing.measurepoint.post}. */
        String expectedMethod() {
            return path.replace('/', '.');
        }

        boolean isReply() {
            return path.endsWith(REPLY_SUFFIX);
        }
    }

    private DeviceTopics() {}

    static Optional<SysTopic> parseSys(String topic) {
        String[] parts = topic.split("/", 5);
        if (parts.length < 5 || !parts[0].isEmpty() || !parts[1].equals("sys") || parts[4].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SysTopic(ProductKey.of(parts[2]), DeviceKey.of(parts[3]), parts[4]));
        } catch (IllegalArgumentException notADeviceTopic) {
            return Optional.empty();
        }
    }
}
