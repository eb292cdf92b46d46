package io.helio.platform.tenancy;

import java.util.regex.Pattern;

/** A tenant's identifier as tenant-admin issues it: {@code t} and fifteen lower-case letters or digits. */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("t[a-z0-9]{15}");

    /** True for strings that are tenant ids. */
    static final java.util.function.Predicate<String> FORMAT_CHECK =
            value -> FORMAT.matcher(value).matches();

    public TenantId {
        if (!isTenantId(value)) {
            throw new IllegalArgumentException("not a tenant id: " + value);
        }
    }

    public static boolean isTenantId(String value) {
        return FORMAT.matcher(value).matches();
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    /** The tenant's InfluxDB database: derived from the validated id only, as tenant-admin names it. */
    public String timeSeriesDatabase() {
        return "helio_" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
