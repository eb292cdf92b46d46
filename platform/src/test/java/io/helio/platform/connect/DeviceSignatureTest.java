package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceSignatureTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "dk01|securemode=2,signmethod=sha256,timestamp=1|;dk/01&pk7Hq2s9", // device key with a topic separator
                "dk01|securemode=2,signmethod=sha256,timestamp=1|;dk01&pk+" // product key with a wildcard
            })
    void refusesKeysThatCouldReachOtherTopics(String clientId, String username) {
        assertThat(ConnectRequest.parse(clientId, username, "x".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"sha256, 1513a5dec85087ff1e8db986bfa3e01200f0a0e81b1ace3aae2e3a2b4acaf907"})
    void checksAWellFormedRequestWithTheSharedSignature(String method, String signature) {
        ConnectRequest request = ConnectRequest.parse(
                        "dk01{ip=10.0.0.5,version=2.2.16}|securemode=2,signmethod=" + method
                                + ",timestamp=1700000000000|",
                        "dk01&pk7Hq2s9",
                        signature.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        assertThat(DeviceSignature.verify(request, "s3cr3t")).isTrue();
        assertThat(DeviceSignature.verify(request, "s3cr3t!")).isFalse();
    }
}
