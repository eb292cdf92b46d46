package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.util.Optional;

/** The topics of the EnOS device protocol that belong to one device. */
final class DeviceTopics {

    static final String REPLY_SUFFIX = "_reply";

    /** A topic of a device: whose it is and what follows its keys. */
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

    /** A device's request topic: {@code /sys/{pk}/{dk}/...} or {@code /ext/session/{pk}/{dk}/...}. */
    static Optional<SysTopic> parse(String topic) {
        String rest;
        if (topic.startsWith("/sys/")) {
            rest = topic.substring("/sys/".length());
        } else if (topic.startsWith("/ext/session/")) {
            rest = topic.substring("/ext/session/".length());
        } else {
            return Optional.empty();
        }
        String[] parts = rest.split("/", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SysTopic(ProductKey.of(parts[0]), DeviceKey.of(parts[1]), parts[2]));
        } catch (IllegalArgumentException notADeviceTopic) {
            return Optional.empty();
        }
    }
}
