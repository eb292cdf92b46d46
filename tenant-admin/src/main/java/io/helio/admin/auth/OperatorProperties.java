package io.helio.admin.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's client credentials, from the environment; they bootstrap everything else. A
 * username and password, if given, also let the operator log in as a person.
 */
@Validated
@ConfigurationProperties("helio.operator")
public record OperatorProperties(
        @NotBlank String clientId,
        @NotBlank @Size(min = 16) String clientSecret,
        @Nullable String username,
        @Nullable String password) {

    /** Whether the operator has a login for people: a username, and a password of 12 characters or more. */
    public boolean hasLogin() {
        if (username == null || username.isBlank()) {
            return false;
        }
        if (password == null || password.length() < 12) {
            throw new IllegalStateException(
                    "the operator's login '" + username + "' needs a password of 12 characters or more");
        }
        return true;
    }
}
