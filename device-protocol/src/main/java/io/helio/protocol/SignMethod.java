package io.helio.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The digests a device may sign its CONNECT with. The {@code hmac*} names are aliases of the plain
 * digests, as EnOS devices use them.
 */
public enum SignMethod {
    SHA256("SHA-256"),
    SHA1("SHA-1"),
    MD5("MD5");

    private final String algorithm;

    SignMethod(String algorithm) {
        this.algorithm = algorithm;
    }

    public String algorithm() {
        return algorithm;
    }

    public static Optional<SignMethod> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sha256", "hmacsha256" -> Optional.of(SHA256);
            case "sha1", "hmacsha1" -> Optional.of(SHA1);
            case "md5", "hmacmd5" -> Optional.of(MD5);
            default -> Optional.empty();
        };
    }
}
