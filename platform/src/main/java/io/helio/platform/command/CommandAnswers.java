package io.helio.platform.command;

import io.helio.platform.cluster.PostgresNotifications;
import io.r2dbc.spi.ConnectionFactory;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Answers to SYNC commands that arrive on another node than the one whose caller waits: the node
 * that recorded the answer says which command it was, and the waiting node reads the record.
 */
class CommandAnswers extends PostgresNotifications {

    static final String CHANNEL = "helio_command_answers";

    private static final Logger log = LoggerFactory.getLogger(CommandAnswers.class);

    private final DatabaseClient db;

    CommandAnswers(ConnectionFactory connections, DatabaseClient db, R2dbcCommands commands, CommandWaiters waiters) {
        super(
                CHANNEL,
                connections,
                id -> heard(id, commands, waiters),
                // a wait that missed its answer meanwhile times out, and then reads the record
                () -> {});
        this.db = db;
    }

    /** Tells the other nodes that this command's answer is recorded. */
    Mono<Void> announce(UUID commandId) {
        return PostgresNotifications.send(db, CHANNEL, commandId.toString());
    }

    private static void heard(String id, R2dbcCommands commands, CommandWaiters waiters) {
        UUID commandId;
        try {
            commandId = UUID.fromString(id);
        } catch (IllegalArgumentException notACommand) {
            return;
        }
        waiters.waitingFor(commandId)
                .ifPresent(tenant -> commands.find(tenant, commandId)
                        .subscribe(waiters::answered, failure -> log.warn("could not read {}", commandId, failure)));
    }
}
