package io.helio.platform.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * How commands end, in the metrics: {@code helio.commands.completed} by status — answered
 * (SUCCEEDED, FAILED), or out of time (EXPIRED and TIMED_OUT together, as the expiry ends them in
 * one statement).
 */
class CommandOutcomes {

    private final Map<CommandRecord.Status, Counter> answered = new EnumMap<>(CommandRecord.Status.class);
    private final Counter outOfTime;

    CommandOutcomes(MeterRegistry registry) {
        for (CommandRecord.Status status :
                new CommandRecord.Status[] {CommandRecord.Status.SUCCEEDED, CommandRecord.Status.FAILED}) {
            answered.put(status, counter(registry, status.name()));
        }
        outOfTime = counter(registry, "EXPIRED_OR_TIMED_OUT");
    }

    void increment(CommandRecord.Status status) {
        Counter counter = answered.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    void outOfTime(long count) {
        outOfTime.increment(count);
    }

    private static Counter counter(MeterRegistry registry, String status) {
        return Counter.builder("helio.commands.completed")
                .description("commands that ended, by status")
                .tag("status", status)
                .register(registry);
    }
}
