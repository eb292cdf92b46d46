package io.helio.edge.south;

import io.helio.edge.EdgeProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The site's devices (the gateway among them) as configured, and which of them are connected now. */
public final class SiteDevices {

    private final Map<String, EdgeProperties.Device> configured = new HashMap<>();
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();

    public SiteDevices(EdgeProperties properties) {
        configured.put(
                key(properties.gateway().productKey(), properties.gateway().deviceKey()), properties.gateway());
        properties.devices().forEach(device -> configured.put(key(device.productKey(), device.deviceKey()), device));
    }

    Optional<EdgeProperties.Device> find(String productKey, String deviceKey) {
        return Optional.ofNullable(configured.get(key(productKey, deviceKey)));
    }

    public boolean connected(String productKey, String deviceKey) {
        AtomicInteger count = sessions.get(key(productKey, deviceKey));
        return count != null && count.get() > 0;
    }

    void sessionOpened(String productKey, String deviceKey) {
        sessions.computeIfAbsent(key(productKey, deviceKey), any -> new AtomicInteger())
                .incrementAndGet();
    }

    void sessionClosed(String productKey, String deviceKey) {
        sessions.computeIfPresent(key(productKey, deviceKey), (any, count) -> {
            count.updateAndGet(value -> Math.max(0, value - 1));
            return count;
        });
    }

    Set<String> keys() {
        return configured.keySet();
    }

    private static String key(String productKey, String deviceKey) {
        return productKey + "/" + deviceKey;
    }
}
