package io.helio.platform.cluster;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.function.Consumer;
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
 * One PostgreSQL notification channel as every platform node hears it (LISTEN/NOTIFY): this node
 * listens on a connection of its own for its whole life, and listens again after losing it; each
 * notification's payload goes to {@code heard}. {@code listening} runs each time listening
 * (re)starts — once LISTEN has taken effect — for whoever must make up for what was said while
 * nobody here listened. The signals the nodes exchange extend it with what they say and what they
 * do on hearing it.
 */
public class PostgresNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

    private final String channel;
    private final ConnectionFactory connections;
    private final Consumer<String> heard;
    private final Runnable listening;
    private @Nullable Disposable subscription;

    public PostgresNotifications(
            String channel, ConnectionFactory connections, Consumer<String> heard, Runnable listening) {
        this.channel = channel;
        this.connections = connections;
        this.heard = heard;
        this.listening = listening;
    }

    /** Tells every node listening on {@code channel}, this one included. */
    public static Mono<Void> send(DatabaseClient db, String channel, String payload) {
        return db.sql("SELECT pg_notify(:channel, :payload)")
                .bind("channel", channel)
                .bind("payload", payload)
                .then();
    }

    @Override
    public void start() {
        subscription = Flux.usingWhen(
                        Mono.from(unpooled(connections).create()),
                        connection -> {
                            PostgresqlConnection postgres = unwrap(connection);
                            // notifications are followed before LISTEN, and what was missed is made up
                            // for once it has taken effect: nothing said from then on goes unheard
                            return Flux.merge(
                                    postgres.getNotifications(),
                                    postgres.createStatement("LISTEN " + channel)
                                            .execute()
                                            .flatMap(result -> result.getRowsUpdated())
                                            .then(Mono.fromRunnable(listening))
                                            .then(Mono.empty()));
                        },
                        Connection::close)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(
                                retry -> log.warn("lost the {} channel; listening again", channel, retry.failure())))
                .subscribe(notification -> {
                    String payload = notification.getParameter();
                    heard.accept(payload == null ? "" : payload);
                });
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.dispose();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null && !subscription.isDisposed();
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
        throw new IllegalStateException("notifications need a PostgreSQL connection, not " + connection.getClass());
    }
}
