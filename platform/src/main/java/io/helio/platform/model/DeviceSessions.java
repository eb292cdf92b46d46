package io.helio.platform.model;

import reactor.core.publisher.Mono;

/** The device door as device management needs it: tell a connected device of a change, or end its sessions. */
public interface DeviceSessions {

    /** The lifecycle notices of the device protocol, published on {@code /sys/{pk}/{dk}/thing/...}. */
    enum Notice {
        ENABLE("thing/enable", "thing.enable"),
        DISABLE("thing/disable", "thing.disable"),
        DELETE("thing/delete", "thing.delete");

        private final String topic;
        private final String method;

        Notice(String topic, String method) {
            this.topic = topic;
            this.method = method;
        }

        public String topic() {
            return topic;
        }

        public String method() {
            return method;
        }
    }

    /** Publishes the notice to the device; nothing happens if it is not connected. */
    Mono<Void> notify(ProductKey product, DeviceKey device, Notice notice);

    /** Ends every session the device has; it must connect (and authenticate) again. */
    Mono<Void> close(ProductKey product, DeviceKey device);

    /** Ends the sub-device's session that its gateway opened (combine.login), if there is one. */
    Mono<Void> logout(DeviceRef gateway, DeviceRef subDevice);
}
