package io.helio.platform.model;

import io.helio.platform.api.DevicesApi;
import io.helio.platform.api.model.DeviceCreate;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class DeviceController implements DevicesApi {

    private final DeviceService devices;

    public DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.CreatedDevice>> createDevice(
            String productKey, Mono<DeviceCreate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    DeviceCreate create = tenantAndRequest.getT2();
                    return devices.create(
                            tenantAndRequest.getT1(),
                            ProductKey.of(productKey),
                            create.getDeviceKey() == null ? null : DeviceKey.of(create.getDeviceKey()),
                            create.getName());
                })
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new io.helio.platform.api.model.CreatedDevice(
                                toApi(created.device()), created.secret())));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Device>> getDevice(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.get(tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey)))
                .map(device -> ResponseEntity.ok(toApi(device)));
    }

    private static io.helio.platform.api.model.Device toApi(Device device) {
        return new io.helio.platform.api.model.Device(
                device.product().value(),
                device.key().value(),
                device.name(),
                device.createdAt().atOffset(ZoneOffset.UTC));
    }
}
