package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantStatuses;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Devices within one tenant: created with attributes checked against their model, changed, enabled,
 * disabled and deleted — a connected device is told and, where it must, disconnected. A secret is
 * generated here and shown only once.
 */
public class DeviceService {

    private static final int GENERATED_KEY_LENGTH = 12;
    private static final int SECRET_LENGTH = 32;

    private final R2dbcDeviceRepository devices;
    private final ProductService products;
    private final ThingModelService models;
    private final AttributeValues attributes;
    private final DeviceSessions sessions;
    private final DirectoryChangeSignal changes;
    private final TenantStatuses tenants;
    private final Clock clock;

    DeviceService(
            R2dbcDeviceRepository devices,
            ProductService products,
            ThingModelService models,
            AttributeValues attributes,
            DeviceSessions sessions,
            DirectoryChangeSignal changes,
            TenantStatuses tenants,
            Clock clock) {
        this.devices = devices;
        this.products = products;
        this.models = models;
        this.attributes = attributes;
        this.sessions = sessions;
        this.changes = changes;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** What a new device is given; the key is generated when absent. */
    public record Draft(
            @Nullable DeviceKey key,
            String name,
            @Nullable String timeZone,
            Map<String, Object> attributes,
            Map<String, String> tags) {}

    /** What a change sets; null fields stay as they are, null values in the maps remove the key. */
    public record Change(
            @Nullable String name,
            @Nullable String timeZone,
            Map<String, @Nullable Object> attributes,
            Map<String, @Nullable String> tags) {

        public static Change ofAttributes(Map<String, @Nullable Object> attributes) {
            return new Change(null, null, attributes, Map.of());
        }

        public static Change ofTags(Map<String, @Nullable String> tags) {
            return new Change(null, null, Map.of(), tags);
        }
    }

    public Mono<CreatedDevice> create(TenantId tenant, ProductKey productKey, Draft draft) {
        DeviceKey key = draft.key() != null ? draft.key() : DeviceKey.of(RandomKeys.alphanumeric(GENERATED_KEY_LENGTH));
        return products.get(tenant, productKey)
                .flatMap(product -> withinDeviceQuota(tenant).then(models.get(tenant, product.model())))
                .flatMap(model -> {
                    Device device = valid(() -> new Device(
                            tenant,
                            productKey,
                            key,
                            draft.name(),
                            zone(draft.timeZone() == null ? "UTC" : draft.timeZone()),
                            attributes.require(model, draft.attributes()),
                            Tags.require(draft.tags()),
                            DeviceStatus.INACTIVE,
                            null,
                            clock.instant().truncatedTo(ChronoUnit.MILLIS)));
                    String secret = RandomKeys.alphanumeric(SECRET_LENGTH);
                    return devices.insert(device, secret)
                            .onErrorResume(UniqueViolations.as(new ApiException(
                                    PlatformError.DEVICE_KEY_TAKEN,
                                    "product '" + productKey + "' already has a device '" + key + "'")))
                            .thenReturn(new CreatedDevice(device, secret));
                });
    }

    /** A tenant may have at most as many devices as its quota says (counted at creation). */
    private Mono<Void> withinDeviceQuota(TenantId tenant) {
        return Mono.zip(tenants.state(tenant), devices.count(tenant))
                .flatMap(quotaAndCount ->
                        quotaAndCount.getT2() < quotaAndCount.getT1().maxDevices()
                                ? Mono.empty()
                                : Mono.error(new ApiException(
                                        PlatformError.QUOTA_EXCEEDED,
                                        "the tenant's quota of "
                                                + quotaAndCount.getT1().maxDevices() + " devices is reached")));
    }

    public Mono<Device> get(TenantId tenant, ProductKey product, DeviceKey key) {
        return devices.find(tenant, product, key)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.DEVICE_NOT_FOUND, "no device '" + key + "' in product '" + product + "'")));
    }

    /** The device's connection history, newest first; a device of another tenant is not found. */
    public Flux<ConnectionEvent> connectionEvents(TenantId tenant, ProductKey product, DeviceKey key, int limit) {
        return get(tenant, product, key).thenMany(devices.connectionEvents(tenant, product, key, limit));
    }

    public Flux<Device> list(
            TenantId tenant,
            R2dbcDeviceRepository.Filter filter,
            R2dbcDeviceRepository.@Nullable Position after,
            int limit) {
        return devices.list(tenant, filter, after, limit);
    }

    public Mono<Device> update(TenantId tenant, ProductKey productKey, DeviceKey key, Change change) {
        return get(tenant, productKey, key)
                .flatMap(current -> products.get(tenant, productKey)
                        .flatMap(product -> models.get(tenant, product.model()))
                        .flatMap(model -> {
                            Device changed = valid(() -> new Device(
                                    tenant,
                                    productKey,
                                    key,
                                    change.name() == null ? current.name() : change.name(),
                                    change.timeZone() == null ? current.timeZone() : zone(change.timeZone()),
                                    attributes.require(model, merged(current.attributes(), change.attributes())),
                                    Tags.require(merged(current.tags(), change.tags())),
                                    current.status(),
                                    current.lastSeen(),
                                    current.createdAt()));
                            return devices.update(changed).thenReturn(changed);
                        }));
    }

    /** A disabled device is told, disconnected, and refused until it is enabled. */
    public Mono<Device> disable(TenantId tenant, ProductKey product, DeviceKey key) {
        return get(tenant, product, key)
                .flatMap(device -> devices.setStatus(tenant, product, key, DeviceStatus.DISABLED)
                        .then(changes.announce("device " + product + "/" + key))
                        .then(sessions.notify(product, key, DeviceSessions.Notice.DISABLE))
                        .then(sessions.close(product, key)))
                .then(get(tenant, product, key));
    }

    public Mono<Device> enable(TenantId tenant, ProductKey product, DeviceKey key) {
        return get(tenant, product, key)
                .flatMap(device -> device.status() != DeviceStatus.DISABLED
                        ? Mono.empty()
                        : devices.setStatus(
                                        tenant,
                                        product,
                                        key,
                                        device.lastSeen() == null ? DeviceStatus.INACTIVE : DeviceStatus.OFFLINE)
                                .then(changes.announce("device " + product + "/" + key))
                                .then(sessions.notify(product, key, DeviceSessions.Notice.ENABLE)))
                .then(get(tenant, product, key));
    }

    public Mono<Void> delete(TenantId tenant, ProductKey product, DeviceKey key) {
        return get(tenant, product, key)
                .then(sessions.notify(product, key, DeviceSessions.Notice.DELETE))
                .then(devices.delete(tenant, product, key))
                .then(changes.announce("device " + product + "/" + key))
                .then(sessions.close(product, key));
    }

    /** A new secret, shown once; sessions signed with the old one end. */
    public Mono<String> rotateSecret(TenantId tenant, ProductKey product, DeviceKey key) {
        String secret = RandomKeys.alphanumeric(SECRET_LENGTH);
        return get(tenant, product, key)
                .then(devices.replaceSecret(tenant, product, key, secret))
                .then(changes.announce("device " + product + "/" + key))
                .then(sessions.close(product, key))
                .thenReturn(secret);
    }

    private static <V> Map<String, V> merged(Map<String, V> current, Map<String, @Nullable V> change) {
        Map<String, V> merged = new HashMap<>(current);
        change.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        return merged;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + id + "' is not an IANA time zone");
        }
    }

    private static Device valid(Supplier<Device> device) {
        try {
            return device.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(PlatformError.DEVICE_INVALID, e.getMessage());
        }
    }
}
