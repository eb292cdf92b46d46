package io.helio.platform.connect;

import io.helio.protocol.MqttLogin;
import java.util.Optional;

/** A device's CONNECT credentials in the EnOS form, naming a device whose keys have a valid form. */
record ConnectRequest(MqttLogin login, DeviceAddress address) {

    /** Parses the three CONNECT fields, or nothing if any of them does not have the EnOS form. */
    static Optional<ConnectRequest> parse(String clientId, String username, byte[] password) {
        return MqttLogin.parse(clientId, username, password)
                .flatMap(login ->
                        DeviceAddress.fromUsername(username).map(address -> new ConnectRequest(login, address)));
    }

    int secureMode() {
        return login.secureMode();
    }
}
