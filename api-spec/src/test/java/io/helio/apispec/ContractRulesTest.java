package io.helio.apispec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractRulesTest {

    private static final Path SPECS = Path.of("src/main/openapi");

    @ParameterizedTest
    @ValueSource(strings = {"platform-api", "admin-api"})
    void contractFollowsTheRules(String contract) {
        assertThat(ContractRules.violations(SPECS.resolve(contract).resolve("openapi.yaml")))
                .isEmpty();
    }

    @Test
    void rulesCatchEveryKindOfViolation() {
        // given a contract that breaks each rule once
        Path broken = Path.of("src/test/resources/broken/openapi.yaml");

        // when
        var violations = ContractRules.violations(broken);

        // then
        assertThat(violations)
                .anyMatch(v -> v.contains("GET /no-id") && v.contains("no operationId"))
                .anyMatch(v -> v.contains("GET /no-tags") && v.contains("no tags"))
                .anyMatch(v -> v.contains("GET /undeclared-tag") && v.contains("not declared at the top level"))
                .anyMatch(v -> v.contains("GET /no-security") && v.contains("no security requirement"))
                .anyMatch(v -> v.contains("GET /plain-json-error") && v.contains("is not application/problem+json"))
                .anyMatch(v -> v.contains("GET /no-error") && v.contains("declares no error response"))
                .noneMatch(v -> v.contains("GET /fine"))
                .hasSize(6);
    }
}
