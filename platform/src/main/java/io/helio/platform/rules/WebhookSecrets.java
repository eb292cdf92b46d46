package io.helio.platform.rules;

import io.helio.platform.model.SecretCipher;
import io.helio.platform.tenancy.TenantId;
import java.util.Base64;

/**
 * Webhook secrets at rest, in rules and in their deliveries: encrypted for their tenant (a sealed
 * secret copied into another tenant's rows does not open), stored as {@code v1:} and base64.
 */
final class WebhookSecrets {

    private static final String SEALED = "v1:";

    private final SecretCipher cipher;

    WebhookSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    String seal(TenantId tenant, String secret) {
        return SEALED + Base64.getEncoder().encodeToString(cipher.encrypt(secret, owner(tenant)));
    }

    String open(TenantId tenant, String stored) {
        // a secret saved before secrets were sealed reads as it is, and is sealed when its rule is saved
        return stored.startsWith(SEALED)
                ? cipher.decrypt(Base64.getDecoder().decode(stored.substring(SEALED.length())), owner(tenant))
                : stored;
    }

    private static String owner(TenantId tenant) {
        return "webhooks of " + tenant.value();
    }
}
