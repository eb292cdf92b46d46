package io.helio.platform.model;

import io.helio.platform.cluster.PostgresNotifications;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Tells every platform node that a thing model, product or device changed, through PostgreSQL's
 * LISTEN/NOTIFY, so that each drops what its device doors cached and the change takes effect for
 * the next connection or message everywhere. The node that made the change also forgets at once,
 * without waiting for the round trip; a node that (re)starts listening forgets too, as it may have
 * missed changes.
 */
public class DirectoryChangeSignal extends PostgresNotifications {

    static final String CHANNEL = "helio_directory_changes";

    private final DatabaseClient db;
    private final Runnable forget;

    public DirectoryChangeSignal(ConnectionFactory connections, DatabaseClient db, Runnable forget) {
        super(CHANNEL, connections, subject -> forget.run(), forget);
        this.db = db;
        this.forget = forget;
    }

    /** Announces a change of what {@code subject} names (a model, a device) to all nodes, this one included. */
    public Mono<Void> announce(String subject) {
        forget.run();
        return PostgresNotifications.send(db, CHANNEL, subject);
    }
}
