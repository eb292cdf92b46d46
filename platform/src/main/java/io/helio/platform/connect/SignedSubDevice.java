package io.helio.platform.connect;

import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.protocol.SignMethod;
import tools.jackson.databind.JsonNode;

/**
 * A sub-device as a gateway presents it (thing.topo.add, combine.login): its keys and a signature
 * made with the sub-device's own secret, the way it would sign its own CONNECT.
 */
record SignedSubDevice(DeviceAddress address, String clientId, String timestamp, SignMethod signMethod, String sign) {

    static SignedSubDevice parse(JsonNode node) {
        try {
            DeviceAddress address =
                    new DeviceAddress(ProductKey.of(text(node, "productKey")), DeviceKey.of(text(node, "deviceKey")));
            SignMethod method = SignMethod.parse(text(node, "signMethod"))
                    .orElseThrow(() -> new InvalidPayloadException("signMethod must be sha256, sha1 or md5"));
            return new SignedSubDevice(
                    address, text(node, "clientId"), text(node, "timestamp"), method, text(node, "sign"));
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(
                    "a sub-device needs productKey, deviceKey, clientId, timestamp, signMethod and sign: "
                            + e.getMessage());
        }
    }

    boolean signedWith(String secret) {
        return DeviceSignature.verify(signMethod, clientId, address, timestamp, sign, secret);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() && !value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asString();
    }
}
