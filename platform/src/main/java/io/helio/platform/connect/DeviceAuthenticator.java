package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import io.helio.platform.model.DeviceDirectory;
import io.moquette.broker.security.IAuthenticator;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a device at CONNECT the EnOS way (secure mode 2: signed with the device secret).
 * Moquette asks synchronously on its own connection threads, so the lookup waits there, bounded by
 * a timeout, and is served from the device directory's cache when it can be.
 */
final class DeviceAuthenticator implements IAuthenticator {

    static final int STATIC_ACTIVATION = 2;

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceDirectory directory;
    private final Duration lookupTimeout;

    DeviceAuthenticator(DeviceDirectory directory, Duration lookupTimeout) {
        this.directory = directory;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        Optional<ConnectRequest> parsed =
                ConnectRequest.parse(clientId == null ? "" : clientId, username == null ? "" : username, password);
        if (parsed.isEmpty()) {
            log.info("refused CONNECT of client '{}': credentials are not in the EnOS form", clientId);
            return false;
        }
        ConnectRequest request = parsed.get();
        if (request.secureMode() != STATIC_ACTIVATION) {
            log.info("refused CONNECT of {}: secure mode {} is not enabled", request.address(), request.secureMode());
            return false;
        }
        DeviceCredentials credentials;
        try {
            credentials = directory
                    .credentials(request.address().product(), request.address().device())
                    .block(lookupTimeout);
        } catch (RuntimeException e) {
            log.warn("refused CONNECT of {}: credentials lookup failed", request.address(), e);
            return false;
        }
        boolean valid = credentials != null && DeviceSignature.verify(request, credentials.secret());
        if (!valid) {
            log.info("refused CONNECT of {}: unknown device or wrong signature", request.address());
            return false;
        }
        if (!credentials.mayConnect()) {
            log.info("refused CONNECT of {}: the device is disabled", request.address());
            return false;
        }
        return true;
    }
}
