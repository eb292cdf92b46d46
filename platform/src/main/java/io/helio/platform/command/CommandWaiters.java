package io.helio.platform.command;

import io.helio.platform.tenancy.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** SYNC commands waiting for their device's reply on this node, by command id. */
final class CommandWaiters {

    private record Waiter(TenantId tenant, Sinks.One<CommandRecord> answer) {}

    private final Map<UUID, Waiter> waiting = new ConcurrentHashMap<>();

    /** Waits for the command's answered record; register before sending, so a quick reply is not missed. */
    Mono<CommandRecord> register(CommandRecord command) {
        Sinks.One<CommandRecord> answer = Sinks.one();
        waiting.put(command.commandId(), new Waiter(command.tenant(), answer));
        return answer.asMono().doFinally(signal -> waiting.remove(command.commandId()));
    }

    /** Completes the wait for this answered command; false when nobody on this node waits for it. */
    boolean answered(CommandRecord command) {
        Waiter waiter = waiting.get(command.commandId());
        if (waiter == null) {
            return false;
        }
        waiter.answer().tryEmitValue(command);
        return true;
    }

    /** The tenant of a command waited for on this node. */
    Optional<TenantId> waitingFor(UUID commandId) {
        return Optional.ofNullable(waiting.get(commandId)).map(Waiter::tenant);
    }
}
