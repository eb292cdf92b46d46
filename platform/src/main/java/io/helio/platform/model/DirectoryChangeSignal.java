package io.helio.platform.model;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Tells every platform node that a thing model, product or device changed, through PostgreSQL's
 * LISTEN/NOTIFY, so that each drops what its device doors cached and the change takes effect for
 * the next connection or message everywhere. The node that made the change also forgets at once,
 * without waiting for the round trip.
 */
public class DirectoryChangeSignal implements SmartLifecycle {

    static final String CHANNEL = "helio_directory_changes";

    private static final Logger log = LoggerFactory.getLogger(DirectoryChangeSignal.class);

    private final ConnectionFactory connections;
    private final DatabaseClient db;
    private final Runnable forget;
    private @Nullable Disposable listening;

    public DirectoryChangeSignal(ConnectionFactory connections, DatabaseClient db, Runnable forget) {
        this.connections = connections;
        this.db = db;
        this.forget = forget;
    }

    /** Announces a change of what {@code subject} names (a model, a device) to all nodes, this one included. */
    public Mono<Void> announce(String subject) {
        forget.run();
        return db.sql("SELECT pg_notify('" + CHANNEL + "', :subject)")
                .bind("subject", subject)
                .then();
    }

    @Override
    public void start() {
        listening = Flux.usingWhen(
                        Mono.from(unpooled(connections).create()),
                        connection -> {
                            PostgresqlConnection postgres = unwrap(connection);
                            return postgres.createStatement("LISTEN " + CHANNEL)
                                    .execute()
                                    .flatMap(result -> result.getRowsUpdated())
                                    .thenMany(postgres.getNotifications());
                        },
                        Connection::close)
                .doOnSubscribe(subscription -> forget.run())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(retry ->
                                log.warn("lost the directory change channel; listening again", retry.failure())))
                .subscribe(notification -> forget.run());
    }

    @Override
    public void stop() {
        if (listening != null) {
            listening.dispose();
            listening = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }

    /**
     * The connection factory beneath the pool: the listening connection is held for the node's whole
     * life and closed (not returned to the pool) when it stops, so it never serves a query.
     */
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory candidate = factory;
        while (candidate instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            candidate = inner;
        }
        return candidate;
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        Object candidate = connection;
        while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
            candidate = wrapped.unwrap();
        }
        if (candidate instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException(
                "directory change notifications need a PostgreSQL connection, not " + connection.getClass());
    }
}
