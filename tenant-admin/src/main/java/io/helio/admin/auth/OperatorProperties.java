package io.helio.admin.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The operator's client credentials, from the environment; they bootstrap everything else. */
@Validated
@ConfigurationProperties("helio.operator")
public record OperatorProperties(
        @NotBlank String clientId, @NotBlank @Size(min = 16) String clientSecret) {}
