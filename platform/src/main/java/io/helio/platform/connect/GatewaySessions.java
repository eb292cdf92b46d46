package io.helio.platform.connect;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sub-devices each gateway session has logged in (combine.login). While logged in, the gateway
 * may publish and subscribe on the sub-device's topics, and only then.
 */
class GatewaySessions {

    private final ConcurrentHashMap<String, Set<DeviceAddress>> byClientId = new ConcurrentHashMap<>();

    void login(String gatewayClientId, DeviceAddress subDevice) {
        byClientId
                .computeIfAbsent(gatewayClientId, key -> ConcurrentHashMap.newKeySet())
                .add(subDevice);
    }

    boolean logout(String gatewayClientId, DeviceAddress subDevice) {
        Set<DeviceAddress> subDevices = byClientId.get(gatewayClientId);
        return subDevices != null && subDevices.remove(subDevice);
    }

    /** Logs out every sub-device of a session that ended; returns them. */
    Set<DeviceAddress> ended(String gatewayClientId) {
        Set<DeviceAddress> subDevices = byClientId.remove(gatewayClientId);
        return subDevices == null ? Set.of() : subDevices;
    }

    /** The gateway session that has this sub-device logged in, if any. */
    Optional<String> sessionOf(DeviceAddress subDevice) {
        return byClientId.entrySet().stream()
                .filter(session -> session.getValue().contains(subDevice))
                .map(java.util.Map.Entry::getKey)
                .findFirst();
    }

    boolean isLoggedIn(String gatewayClientId, DeviceAddress subDevice) {
        Set<DeviceAddress> subDevices = byClientId.get(gatewayClientId);
        return subDevices != null && subDevices.contains(subDevice);
    }

    boolean mayUse(String gatewayClientId, String topic) {
        Set<DeviceAddress> subDevices = byClientId.get(gatewayClientId);
        return subDevices != null && subDevices.stream().anyMatch(subDevice -> subDevice.owns(topic));
    }
}
