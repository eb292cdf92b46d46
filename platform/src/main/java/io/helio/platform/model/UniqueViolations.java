package io.helio.platform.model;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Turns PostgreSQL's unique-key violation into the caller's own error. */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {}

    static <T> Function<Throwable, Mono<T>> as(RuntimeException replacement) {
        return failure -> failure instanceof R2dbcDataIntegrityViolationException violation
                        && UNIQUE_VIOLATION.equals(violation.getSqlState())
                ? Mono.error(replacement)
                : Mono.error(failure);
    }
}
