package io.helio.platform.connect;

import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Checks that a sub-device a gateway presents exists in the gateway's tenant and signed with its own secret. */
class SubDeviceCheck {

    private final DeviceDirectory directory;

    SubDeviceCheck(DeviceDirectory directory) {
        this.directory = directory;
    }

    Mono<DeviceRef> verified(TenantId tenant, SignedSubDevice presented) {
        DeviceAddress address = presented.address();
        return directory
                .credentials(address.product(), address.device())
                .filter(credentials ->
                        credentials.tenant().equals(tenant) && presented.signedWith(credentials.secret()))
                .filter(credentials -> {
                    if (!credentials.mayConnect()) {
                        throw new InvalidPayloadException(
                                "sub-device " + address.product() + "/" + address.device() + " is disabled");
                    }
                    return true;
                })
                .map(credentials -> new DeviceRef(address.product(), address.device()))
                .switchIfEmpty(Mono.error(() -> new InvalidPayloadException("sub-device " + address.product() + "/"
                        + address.device() + " is unknown or its signature is wrong")));
    }

    static DeviceRef refOf(JsonNode node) {
        try {
            return new DeviceRef(
                    ProductKey.of(node.path("productKey").asString("")),
                    DeviceKey.of(node.path("deviceKey").asString("")));
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("a sub-device needs productKey and deviceKey: " + e.getMessage());
        }
    }
}
