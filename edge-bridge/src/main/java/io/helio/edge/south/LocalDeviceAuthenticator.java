package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import io.helio.protocol.DeviceSignatures;
import io.helio.protocol.MqttLogin;
import io.moquette.broker.security.IAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a site device at CONNECT as the cloud would (secure mode 2, the EnOS signature with its own
 * secret), if it is one the edge is configured with.
 */
final class LocalDeviceAuthenticator implements IAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(LocalDeviceAuthenticator.class);

    private final SiteDevices devices;

    LocalDeviceAuthenticator(SiteDevices devices) {
        this.devices = devices;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        boolean admitted = MqttLogin.parse(clientId == null ? "" : clientId, username == null ? "" : username, password)
                .filter(login -> login.secureMode() == MqttLogin.STATIC_ACTIVATION)
                .flatMap(login -> devices.find(new DeviceKeys(login.productKey(), login.deviceKey()))
                        .filter(device -> DeviceSignatures.verify(login, device.deviceSecret())))
                .isPresent();
        if (!admitted) {
            log.info("refused CONNECT of '{}': not a site device, or not signed with its secret", username);
        }
        return admitted;
    }
}
