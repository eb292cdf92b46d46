package io.helio.platform.timeseries;

import java.util.regex.Pattern;

/**
 * The only way InfluxQL text is built here: identifiers must already have the strict form of a
 * product key or point identifier, and are quoted; values travel as bound parameters.
 */
final class InfluxQl {

    private static final Pattern SAFE_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}|[A-Za-z0-9]{4,32}");

    private InfluxQl() {}

    static String identifier(String name) {
        if (!SAFE_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe InfluxQL identifier: " + name);
        }
        return quoted(name);
    }

    /** Quotes a name that Helio itself built from safe parts (such as a quality field). */
    static String quoted(String name) {
        if (name.indexOf('"') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not a safe InfluxQL name: " + name);
        }
        return "\"" + name + "\"";
    }
}
