package io.helio.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttLoginTest {

    // Expected digests computed independently with coreutils (sha256sum, sha1sum, md5sum) over
    // "clientId<id>deviceKey<dk>productKey<pk>timestamp<ts><secret>".
    @ParameterizedTest
    @CsvSource({
        "sha256, 1513a5dec85087ff1e8db986bfa3e01200f0a0e81b1ace3aae2e3a2b4acaf907",
        "hmacsha256, 1513A5DEC85087FF1E8DB986BFA3E01200F0A0E81B1ACE3AAE2E3A2B4ACAF907",
        "sha1, 369aad34a6705f5f58ce2c7ddea762555de6390f",
        "hmacmd5, 93cdab8377a67e00688b132acab93495"
    })
    void acceptsTheEnosSignatureInAnyDigestAndCase(String method, String signature) {
        // given what an EnOS device SDK sends: client info in braces, signed as it comes
        String clientId =
                "dk01{ip=10.0.0.5,version=2.2.16}|securemode=2,signmethod=" + method + ",timestamp=1700000000000|";

        // when
        MqttLogin login = MqttLogin.parse(clientId, "dk01&pk7Hq2s9", signature.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        // then
        assertThat(login.secureMode()).isEqualTo(MqttLogin.STATIC_ACTIVATION);
        assertThat(login.productKey()).isEqualTo("pk7Hq2s9");
        assertThat(login.deviceKey()).isEqualTo("dk01");
        assertThat(DeviceSignatures.verify(login, "s3cr3t")).isTrue();
        assertThat(DeviceSignatures.verify(login, "another-secret")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "dk01;dk01&pk7Hq2s9", // no parameters
                "dk01|securemode=2,signmethod=sha512,timestamp=1|;dk01&pk7Hq2s9", // unknown digest
                "dk01|securemode=x,signmethod=sha256,timestamp=1|;dk01&pk7Hq2s9", // secure mode not a number
                "dk01|securemode=2,signmethod=sha256,timestamp=1|;dk01", // user name without product
                "dk01|securemode=2,signmethod=sha256,timestamp=1|;dk01&" // empty product key
            })
    void refusesCredentialsNotInTheEnosForm(String clientId, String username) {
        assertThat(MqttLogin.parse(clientId, username, "x".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
