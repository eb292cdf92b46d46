package io.helio.platform.model;

import java.util.Map;
import java.util.regex.Pattern;

/** The rules for device tags: at most 100, keys of letters, digits, {@code _-.}, values up to 256 characters. */
final class Tags {

    static final int MAX_TAGS = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int MAX_VALUE_LENGTH = 256;

    private Tags() {}

    static Map<String, String> require(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("a device has at most " + MAX_TAGS + " tags");
        }
        tags.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(
                        "tag key '" + key + "' must be 1-64 letters, digits, '_', '-' or '.'");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(
                        "tag '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            }
        });
        return tags;
    }
}
