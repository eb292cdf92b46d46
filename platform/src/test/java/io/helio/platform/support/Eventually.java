package io.helio.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what follows a request asynchronously (a write replayed from the spill, a status a
 * disconnect changes, an alert, a shipment): reads again until the value is as wanted or the time is up.
 */
public final class Eventually {

    /** How long a test waits unless it says otherwise. */
    public static final Duration WITHIN = Duration.ofSeconds(10);

    private static final long BETWEEN_READS_MILLIS = 50;

    private Eventually() {}

    /** {@code read}'s value once {@code done} holds of it, or its value once {@link #WITHIN} has passed. */
    public static <T> T read(Supplier<T> read, Predicate<? super T> done) {
        return read(read, done, WITHIN);
    }

    /** {@code read}'s value once {@code done} holds of it, or its value once {@code within} has passed. */
    public static <T> T read(Supplier<T> read, Predicate<? super T> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(BETWEEN_READS_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }

    /** Asserts that {@code condition} comes to hold within {@link #WITHIN}. */
    public static void holds(BooleanSupplier condition) {
        assertThat(read(condition::getAsBoolean, Boolean::booleanValue))
                .as("reached within %d s", WITHIN.toSeconds())
                .isTrue();
    }
}
