package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.platform.api.DevicesApi;
import io.helio.platform.api.model.ConnectionEventList;
import io.helio.platform.api.model.DeviceCreate;
import io.helio.platform.api.model.DevicePage;
import io.helio.platform.api.model.DeviceRef;
import io.helio.platform.api.model.DeviceSecret;
import io.helio.platform.api.model.DeviceUpdate;
import io.helio.platform.api.model.SubDeviceList;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class DeviceController implements DevicesApi {

    private final DeviceService devices;
    private final TopologyService topology;

    public DeviceController(DeviceService devices, TopologyService topology) {
        this.devices = devices;
        this.topology = topology;
    }

    @Override
    public Mono<ResponseEntity<Void>> addSubDevice(
            String productKey, String deviceKey, Mono<DeviceRef> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> topology.add(
                        tenantAndRequest.getT1(),
                        new io.helio.platform.model.DeviceRef(ProductKey.of(productKey), DeviceKey.of(deviceKey)),
                        new io.helio.platform.model.DeviceRef(
                                ProductKey.of(tenantAndRequest.getT2().getProductKey()),
                                DeviceKey.of(tenantAndRequest.getT2().getDeviceKey()))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<SubDeviceList>> listSubDevices(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMapMany(tenant -> topology.subDevices(
                        tenant,
                        new io.helio.platform.model.DeviceRef(ProductKey.of(productKey), DeviceKey.of(deviceKey))))
                .map(sub -> new DeviceRef(sub.product().value(), sub.device().value()))
                .collectList()
                .map(items -> ResponseEntity.ok(new SubDeviceList(items)));
    }

    @Override
    public Mono<ResponseEntity<Void>> removeSubDevice(
            String productKey,
            String deviceKey,
            String subProductKey,
            String subDeviceKey,
            ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> topology.remove(
                        tenant,
                        new io.helio.platform.model.DeviceRef(ProductKey.of(productKey), DeviceKey.of(deviceKey)),
                        new io.helio.platform.model.DeviceRef(
                                ProductKey.of(subProductKey), DeviceKey.of(subDeviceKey))))
                .thenReturn(ResponseEntity.noContent().build());
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
                            new DeviceService.Draft(
                                    create.getDeviceKey() == null ? null : DeviceKey.of(create.getDeviceKey()),
                                    create.getName(),
                                    create.getTimeZone(),
                                    orEmpty(create.getAttributes()),
                                    orEmpty(create.getTags())));
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

    @Override
    public Mono<ResponseEntity<ConnectionEventList>> listDeviceConnectionEvents(
            String productKey, String deviceKey, Integer limit, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.connectionEvents(
                                tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey), limit)
                        .map(event -> new io.helio.platform.api.model.ConnectionEvent(
                                event.online()
                                        ? io.helio.platform.api.model.ConnectionEvent.StatusEnum.ONLINE
                                        : io.helio.platform.api.model.ConnectionEvent.StatusEnum.OFFLINE,
                                event.at().atOffset(ZoneOffset.UTC)))
                        .collectList())
                .map(events -> ResponseEntity.ok(new ConnectionEventList(events)));
    }

    @Override
    public Mono<ResponseEntity<DevicePage>> listDevices(
            @Nullable String productKey,
            io.helio.platform.api.model.@Nullable DeviceStatus status,
            @Nullable String tag,
            @Nullable String namePrefix,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        R2dbcDeviceRepository.Position after = cursor == null
                ? null
                : PageCursor.decode(
                        cursor,
                        2,
                        key -> new R2dbcDeviceRepository.Position(ProductKey.of(key.get(0)), DeviceKey.of(key.get(1))));
        R2dbcDeviceRepository.Filter filter = new R2dbcDeviceRepository.Filter(
                productKey == null ? null : ProductKey.of(productKey),
                status == null ? null : DeviceStatus.valueOf(status.getValue()),
                tag == null ? null : tagKey(tag),
                tag == null ? null : tag.substring(tag.indexOf(':') + 1),
                namePrefix);
        return CurrentTenant.get()
                .flatMapMany(tenant -> devices.list(tenant, filter, after, limit + 1))
                .collectList()
                .map(found -> Page.of(found, limit, device ->
                        new String[] {device.product().value(), device.key().value()}))
                .map(page -> ResponseEntity.ok(
                        new DevicePage(page.map(DeviceController::toApi)).nextCursor(page.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Device>> updateDevice(
            String productKey, String deviceKey, Mono<DeviceUpdate> request, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(request)
                .flatMap(tenantAndRequest -> {
                    DeviceUpdate update = tenantAndRequest.getT2();
                    return devices.update(
                            tenantAndRequest.getT1(),
                            ProductKey.of(productKey),
                            DeviceKey.of(deviceKey),
                            new DeviceService.Change(
                                    update.getName(),
                                    update.getTimeZone(),
                                    orEmpty(update.getAttributes()),
                                    orEmpty(update.getTags())));
                })
                .map(device -> ResponseEntity.ok(toApi(device)));
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteDevice(String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.delete(tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Device>> enableDevice(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.enable(tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey)))
                .map(device -> ResponseEntity.ok(toApi(device)));
    }

    @Override
    public Mono<ResponseEntity<io.helio.platform.api.model.Device>> disableDevice(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.disable(tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey)))
                .map(device -> ResponseEntity.ok(toApi(device)));
    }

    @Override
    public Mono<ResponseEntity<DeviceSecret>> rotateDeviceSecret(
            String productKey, String deviceKey, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> devices.rotateSecret(tenant, ProductKey.of(productKey), DeviceKey.of(deviceKey)))
                .map(secret -> ResponseEntity.ok(new DeviceSecret(secret)));
    }

    private static String tagKey(String tag) {
        int separator = tag.indexOf(':');
        if (separator <= 0) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "tag must be key:value");
        }
        return tag.substring(0, separator);
    }

    private static <V> Map<String, V> orEmpty(@Nullable Map<String, V> values) {
        return values == null ? Map.of() : new HashMap<>(values);
    }

    static io.helio.platform.api.model.Device toApi(Device device) {
        return new io.helio.platform.api.model.Device(
                        device.product().value(),
                        device.key().value(),
                        device.name(),
                        device.timeZone().getId(),
                        device.attributes(),
                        device.tags(),
                        io.helio.platform.api.model.DeviceStatus.fromValue(
                                device.status().name()),
                        device.createdAt().atOffset(ZoneOffset.UTC))
                .lastSeen(device.lastSeen() == null ? null : device.lastSeen().atOffset(ZoneOffset.UTC));
    }
}
