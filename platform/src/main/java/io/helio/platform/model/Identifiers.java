package io.helio.platform.model;

import java.util.regex.Pattern;

/** The formats of the keys and identifiers that devices and the API use. */
final class Identifiers {

    /** Model and point identifiers: a letter, then letters, digits and {@code _}; up to 128 characters. */
    static final Pattern ELEMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    static final Pattern PRODUCT_KEY = Pattern.compile("[A-Za-z0-9]{4,32}");

    /** No MQTT wildcard or separator can appear in a device key: topics are built from it. */
    static final Pattern DEVICE_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private Identifiers() {}

    static String require(Pattern format, String value, String what) {
        if (!format.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + what);
        }
        return value;
    }
}
