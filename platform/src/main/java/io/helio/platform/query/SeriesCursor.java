package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.platform.model.PageCursor;
import io.helio.platform.timeseries.PagePosition;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The opaque cursor of a time-ordered page: the order it was issued for, an instant and how many records there to skip. */
final class SeriesCursor {

    private SeriesCursor() {}

    static @Nullable String encode(@Nullable PagePosition next, boolean newestFirst) {
        return next == null
                ? null
                : PageCursor.encode(
                        newestFirst ? "DESC" : "ASC",
                        Long.toString(next.time().toEpochMilli()),
                        Integer.toString(next.skip()));
    }

    static @Nullable PagePosition decode(@Nullable String cursor, boolean newestFirst) {
        if (cursor == null) {
            return null;
        }
        return PageCursor.decode(cursor, 3, parts -> {
            if (!parts.get(0).equals(newestFirst ? "DESC" : "ASC")) {
                throw new ApiException(CommonError.VALIDATION_FAILED, "the cursor was issued for the other order");
            }
            try {
                return new PagePosition(
                        Instant.ofEpochMilli(Long.parseLong(parts.get(1))), Integer.parseInt(parts.get(2)));
            } catch (IllegalArgumentException notOurs) {
                throw new ApiException(CommonError.VALIDATION_FAILED, "cursor is not one this API issued");
            }
        });
    }
}
