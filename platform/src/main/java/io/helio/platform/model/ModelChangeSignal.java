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
 * Tells every platform node that a thing model changed, through PostgreSQL's LISTEN/NOTIFY, so that
 * each drops what it cached about devices and models and the change takes effect for the next
 * message everywhere. The node that made the change also forgets at once, without waiting for the
 * round trip.
 */
public class ModelChangeSignal implements SmartLifecycle {

    static final String CHANNEL = "helio_model_changes";

    private static final Logger log = LoggerFactory.getLogger(ModelChangeSignal.class);

    private final ConnectionFactory connections;
    private final DatabaseClient db;
    private final Runnable forget;
    private @Nullable Disposable listening;

    public ModelChangeSignal(ConnectionFactory connections, DatabaseClient db, Runnable forget) {
        this.connections = connections;
        this.db = db;
        this.forget = forget;
    }

    /** Announces a change of this model to all nodes (this one included). */
    public Mono<Void> announce(ModelId model) {
        forget.run();
        return db.sql("SELECT pg_notify('" + CHANNEL + "', :model)")
                .bind("model", model.value())
                .then();
    }

    @Override
    public void start() {
        listening = Flux.usingWhen(
                        Mono.from(connections.create()),
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
                        .doBeforeRetry(
                                retry -> log.warn("lost the model change channel; listening again", retry.failure())))
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

    private static PostgresqlConnection unwrap(Connection connection) {
        Object candidate = connection;
        while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
            candidate = wrapped.unwrap();
        }
        if (candidate instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException(
                "model change notifications need a PostgreSQL connection, not " + connection.getClass());
    }
}
