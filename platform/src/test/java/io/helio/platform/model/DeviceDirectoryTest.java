package io.helio.platform.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * What the device doors look up on every message is read again in the background while it is in
 * use, so that no message waits for PostgreSQL (made slow here by locking the products table, which
 * both lookups read); nothing older than the time to live is ever served.
 */
@PlatformTest
class DeviceDirectoryTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration LOCKED = Duration.ofMillis(600);

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    R2dbcDeviceRepository devices;

    @Autowired
    R2dbcProductRepository products;

    @Autowired
    R2dbcThingModelRepository models;

    /** The two lookups made for every message of device "d1". */
    enum Lookup {
        CREDENTIALS((directory, product) -> directory.credentials(product, DeviceKey.of("d1"))),
        PRODUCT_MODEL(DeviceDirectory::productModel);

        private final BiFunction<DeviceDirectory, ProductKey, Mono<?>> lookup;

        Lookup(BiFunction<DeviceDirectory, ProductKey, Mono<?>> lookup) {
            this.lookup = lookup;
        }
    }

    /** A directory of its own (the platform's has a longer time to live) and a new tenant's product with "d1". */
    private record Directory(DeviceDirectory directory, ProductKey product, Lookup lookup) {

        Read read() {
            long started = System.nanoTime();
            Object value = lookup.lookup.apply(directory, product).block(Duration.ofSeconds(10));
            return new Read(value, Duration.ofNanos(System.nanoTime() - started));
        }

        /** Reads every 20 ms until {@code after} has passed since {@code start}; the slowest read. */
        Duration readUntil(long start, Duration after) throws InterruptedException {
            Duration slowest = Duration.ZERO;
            while (System.nanoTime() - start < after.toNanos()) {
                Duration took = read().took();
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
                Thread.sleep(20);
            }
            return slowest;
        }
    }

    private record Read(Object value, Duration took) {}

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void anEntryInUseIsReadAgainWithoutTheMessagesWaiting(Lookup lookup) throws Exception {
        Directory directory = directoryOfOneDevice(lookup);
        long loaded = System.nanoTime();
        Read first = directory.read();

        // in use past half its time to live (read again then), then PostgreSQL stalls across the
        // moment the first read would have expired
        Duration slowest = directory.readUntil(loaded, TTL.multipliedBy(6).dividedBy(10));
        lockProducts(Duration.ofNanos(loaded + TTL.plus(LOCKED.dividedBy(2)).toNanos() - System.nanoTime()));
        Duration slowestWhileLocked = directory.readUntil(loaded, TTL.plus(LOCKED));
        Read last = directory.read();

        assertThat(slowest)
                .as("no message waited while the entry was read again")
                .isLessThan(LOCKED.dividedBy(3));
        assertThat(slowestWhileLocked)
                .as("no message waited for PostgreSQL while it stalled")
                .isLessThan(LOCKED.dividedBy(3));
        assertThat(last.value()).as("the entry was read again").isNotSameAs(first.value());
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void noEntryOlderThanItsTimeToLiveIsServed(Lookup lookup) throws Exception {
        Directory directory = directoryOfOneDevice(lookup);
        directory.read();

        // unused for longer than its time to live, then PostgreSQL stalls
        Thread.sleep(TTL.plusMillis(200).toMillis());
        lockProducts(LOCKED);

        Read read = directory.read();
        assertThat(read.value()).isNotNull();
        assertThat(read.took()).as("the message waited for PostgreSQL").isGreaterThanOrEqualTo(LOCKED.dividedBy(2));
    }

    private Directory directoryOfOneDevice(Lookup lookup) {
        Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        String product =
                api.provisionDevice("meter", Map.of("power", "DOUBLE"), "d1").productKey();
        return new Directory(new DeviceDirectory(devices, products, models, TTL, 100), ProductKey.of(product), lookup);
    }

    /** Locks the products table against all reads for {@code hold}; returns once the lock is taken. */
    private void lockProducts(Duration hold) {
        Duration wait = Duration.ofSeconds(10);
        Connection connection = Mono.from(connections.create()).block(wait);
        Mono.from(connection.beginTransaction()).block(wait);
        Mono.from(connection
                        .createStatement("LOCK TABLE products IN ACCESS EXCLUSIVE MODE")
                        .execute())
                .flatMap(result -> Mono.from(result.getRowsUpdated()))
                .block(wait);
        Mono.delay(hold)
                .then(Mono.from(connection.rollbackTransaction()))
                .then(Mono.from(connection.close()))
                .subscribe();
    }
}
