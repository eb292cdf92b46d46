package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.protocol.DeviceSignatures;
import io.helio.protocol.SignMethod;
import reactor.core.publisher.Mono;

/** Device sign-ins checked with the EnOS device signature ({@link DeviceSignatures}) against the directory. */
public final class DeviceSignature {

    private DeviceSignature() {}

    /**
     * A device signing in outside an MQTT CONNECT (the HTTP door, the edge endpoint): its credentials
     * when it exists, may connect and signed its client id, keys and timestamp with its secret; empty
     * otherwise.
     */
    static Mono<DeviceCredentials> signedIn(
            DeviceDirectory directory,
            SignMethod method,
            String clientId,
            DeviceAddress device,
            String timestamp,
            String signature) {
        return directory
                .credentials(device.product(), device.device())
                .filter(known ->
                        known.mayConnect() && verify(method, clientId, device, timestamp, signature, known.secret()));
    }

    /** {@link #signedIn} with a SHA-256 signature, for the edge endpoint. */
    public static Mono<DeviceCredentials> signedInSha256(
            DeviceDirectory directory,
            ProductKey product,
            DeviceKey device,
            String clientId,
            String timestamp,
            String signature) {
        return signedIn(
                directory, SignMethod.SHA256, clientId, new DeviceAddress(product, device), timestamp, signature);
    }

    static boolean verify(ConnectRequest request, String secret) {
        return DeviceSignatures.verify(request.login(), secret);
    }

    /** Checks a signature over a device's client id, keys and timestamp, made with {@code secret}. */
    static boolean verify(
            SignMethod method,
            String clientId,
            DeviceAddress device,
            String timestamp,
            String signature,
            String secret) {
        return DeviceSignatures.verify(
                method, clientId, device.product().value(), device.device().value(), timestamp, signature, secret);
    }
}
