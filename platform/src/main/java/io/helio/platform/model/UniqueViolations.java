package io.helio.platform.model;

import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;

/** Turns a unique-key violation (as Spring's DatabaseClient reports it) into the caller's own error. */
public final class UniqueViolations {

    private UniqueViolations() {}

    public static <T> Function<Throwable, Mono<T>> as(RuntimeException replacement) {
        return failure -> failure instanceof DuplicateKeyException ? Mono.error(replacement) : Mono.error(failure);
    }
}
