package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.infra.TestKeyStore;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Devices also connect over TLS with the configured server certificate, and are served alike. */
@PlatformTest
class TlsListenerTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void aDeviceTrustingTheServerCertificatePostsOverTlsAndOneThatDoesNotCannotConnect() throws Exception {
        Api.ProvisionedDevice device = Api.forTenant(web, PlatformTestEnvironment.newTenant())
                .provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m-1");
        String tlsUrl = "ssl://127.0.0.1:" + gateway.tlsPort();

        try (EnosDevice meter = EnosDevice.connect(
                tlsUrl, device.productKey(), device.deviceKey(), device.secret(), TestKeyStore.trusting())) {
            assertThat(meter.postMeasurePoints("{\"kwh\":3.5}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
        // the JDK's default trust store does not know the self-signed server certificate
        assertThatThrownBy(() -> EnosDevice.connect(
                        tlsUrl,
                        device.productKey(),
                        device.deviceKey(),
                        device.secret(),
                        SSLContext.getDefault().getSocketFactory()))
                .isInstanceOf(MqttException.class);
        assertThat(gateway.tlsPort()).isNotEqualTo(gateway.port());
    }
}
