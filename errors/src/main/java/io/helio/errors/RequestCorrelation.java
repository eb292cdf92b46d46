package io.helio.errors;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What ties a failure in the logs to the request that met it: the request's id — the caller's
 * {@code X-Request-Id} when it gives a usable one, else the server's — echoed in the response's
 * {@code X-Request-Id}, and the tenant when the request named one.
 */
public record RequestCorrelation(String requestId, @Nullable String tenant) {

    public static final String HEADER = "X-Request-Id";

    /** Where a service keeps the request's id and tenant among the request's attributes. */
    public static final String ID_ATTRIBUTE = "helio.requestId";

    public static final String TENANT_ATTRIBUTE = "helio.tenant";

    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** The caller's id when it is short and plain (it goes into logs and headers), else {@code own}. */
    public static String idOf(@Nullable String given, String own) {
        return given != null && USABLE.matcher(given).matches() ? given : own;
    }
}
