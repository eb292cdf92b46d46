package io.helio.platform.tenancy;

import java.util.Optional;
import java.util.regex.Pattern;

/** A tenant's identifier as tenant-admin issues it: {@code t} and fifteen lower-case letters or digits. */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("t[a-z0-9]{15}");
    private static final String DATABASE_PREFIX = "helio_";

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
        return DATABASE_PREFIX + value;
    }

    /** The tenant whose InfluxDB database {@code database} is, if it is a tenant's. */
    public static Optional<TenantId> ofTimeSeriesDatabase(String database) {
        if (!database.startsWith(DATABASE_PREFIX)) {
            return Optional.empty();
        }
        String id = database.substring(DATABASE_PREFIX.length());
        return isTenantId(id) ? Optional.of(of(id)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
