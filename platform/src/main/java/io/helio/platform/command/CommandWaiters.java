package io.helio.platform.command;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** SYNC commands waiting for their device's reply on this node, by command id. */
final class CommandWaiters {

    private final Map<UUID, Sinks.One<CommandRecord>> waiting = new ConcurrentHashMap<>();

    /** Waits for the command's answered record; register before sending, so a quick reply is not missed. */
    Mono<CommandRecord> register(UUID commandId) {
        Sinks.One<CommandRecord> answer = Sinks.one();
        waiting.put(commandId, answer);
        return answer.asMono().doFinally(signal -> waiting.remove(commandId));
    }

    void answered(CommandRecord command) {
        Sinks.One<CommandRecord> answer = waiting.get(command.commandId());
        if (answer != null) {
            answer.tryEmitValue(command);
        }
    }
}
