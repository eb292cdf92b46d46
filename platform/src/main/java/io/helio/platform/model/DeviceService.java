package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Creates and reads devices; a device's secret is generated here and shown only once. */
public class DeviceService {

    private static final int GENERATED_KEY_LENGTH = 12;
    private static final int SECRET_LENGTH = 32;

    private final R2dbcDeviceRepository devices;
    private final ProductService products;
    private final Clock clock;

    public DeviceService(R2dbcDeviceRepository devices, ProductService products, Clock clock) {
        this.devices = devices;
        this.products = products;
        this.clock = clock;
    }

    public Mono<CreatedDevice> create(TenantId tenant, ProductKey product, @Nullable DeviceKey key, String name) {
        DeviceKey deviceKey = key != null ? key : DeviceKey.of(RandomKeys.alphanumeric(GENERATED_KEY_LENGTH));
        return products.get(tenant, product).flatMap(found -> {
            Device device =
                    new Device(tenant, product, deviceKey, name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            String secret = RandomKeys.alphanumeric(SECRET_LENGTH);
            return devices.insert(device, secret)
                    .onErrorResume(UniqueViolations.as(new ApiException(
                            PlatformError.DEVICE_KEY_TAKEN,
                            "product '" + product + "' already has a device '" + deviceKey + "'")))
                    .thenReturn(new CreatedDevice(device, secret));
        });
    }

    public Mono<Device> get(TenantId tenant, ProductKey product, DeviceKey key) {
        return devices.find(tenant, product, key)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.DEVICE_NOT_FOUND, "no device '" + key + "' in product '" + product + "'")));
    }
}
