package io.helio.platform.command;

import io.helio.platform.connect.DeviceCommands;
import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.tenancy.TenantScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class CommandConfiguration {

    private static final Duration EXPIRY_CHECK_EVERY = Duration.ofSeconds(1);

    @Bean
    R2dbcCommands commandRepository(DatabaseClient db, TenantScope scope, JsonMapper json) {
        return new R2dbcCommands(db, scope, json);
    }

    @Bean
    CommandWaiters commandWaiters() {
        return new CommandWaiters();
    }

    @Bean
    CommandService commandService(
            R2dbcCommands commands,
            DeviceDirectory directory,
            CommandDispatch dispatch,
            CommandWaiters waiters,
            WaitingCommands waiting,
            Clock clock) {
        return new CommandService(commands, directory, dispatch, waiters, waiting, clock);
    }

    @Bean
    CommandAnswers commandAnswers(
            ConnectionFactory connections, DatabaseClient db, R2dbcCommands commands, CommandWaiters waiters) {
        return new CommandAnswers(connections, db, commands, waiters);
    }

    @Bean
    WaitingCommands waitingCommands(ConnectionFactory connections, DatabaseClient db, CommandDispatch dispatch) {
        return new WaitingCommands(connections, db, dispatch);
    }

    @Bean
    CommandDispatch commandDispatch(
            R2dbcCommands commands,
            DeviceCommands mqtt,
            ObjectProvider<EdgeRoute> edges,
            CommandWaiters waiters,
            CommandAnswers answers,
            CommandOutcomes outcomes,
            JsonMapper json,
            Clock clock) {
        return new CommandDispatch(commands, mqtt, edges, waiters, answers, outcomes, json, clock);
    }

    @Bean
    CommandOutcomes commandOutcomes(MeterRegistry registry) {
        return new CommandOutcomes(registry);
    }

    @Bean
    CommandEvents commandEvents(CommandDispatch dispatch) {
        return new CommandEvents(dispatch);
    }

    /** PENDING commands past their TTL expire, SENT ones past their timeout time out. */
    @Bean
    PeriodicTask commandExpiry(R2dbcCommands commands, CommandOutcomes outcomes, Clock clock) {
        return new PeriodicTask(
                "command-expiry",
                EXPIRY_CHECK_EVERY,
                () -> commands.expire(clock.instant())
                        .doOnNext(outcomes::outOfTime)
                        .block(Duration.ofSeconds(30)),
                false);
    }
}
