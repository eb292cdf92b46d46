package io.helio.platform.model;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The opaque cursor of a keyset-paged list: the sort key of the last item on the page. Lists are
 * ordered by keys that never change, so paging is stable while items are added or removed.
 */
public final class PageCursor {

    private static final String SEPARATOR = "\n";

    private PageCursor() {}

    public static String encode(String... keyParts) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, keyParts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position the cursor names, built from its key parts; a 400 if the cursor was not issued by
     * {@link #encode} with that many valid parts.
     */
    public static <T> T decode(String cursor, int parts, Function<List<String>, T> position) {
        try {
            List<String> decoded = Arrays.asList(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1));
            if (decoded.size() == parts) {
                return position.apply(decoded);
            }
        } catch (IllegalArgumentException notACursor) {
            // refused below
        }
        throw new ApiException(CommonError.VALIDATION_FAILED, "cursor is not one this API issued");
    }
}
