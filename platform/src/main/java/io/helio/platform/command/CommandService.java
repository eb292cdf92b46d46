package io.helio.platform.command;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ProductModel;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Sends commands: checked against the device's model, recorded, and sent at once when the device can
 * be reached from this node (over MQTT, or through its edge). Otherwise the command is recorded
 * PENDING and every node is told ({@link WaitingCommands}): the one that reaches the device sends it.
 * A SYNC command waits for the reply wherever it comes ({@link CommandAnswers}), and fails at once
 * when its device is connected to no node; an ASYNC one waits, up to its TTL, for its device to connect.
 */
public class CommandService {

    /** What a caller asks of a device. */
    public record Request(
            CommandRecord.Kind kind,
            @Nullable String serviceId,
            JsonNode params,
            boolean sync,
            Duration timeout,
            Duration ttl) {}

    private final R2dbcCommands commands;
    private final DeviceDirectory directory;
    private final CommandDispatch dispatch;
    private final CommandWaiters waiters;
    private final WaitingCommands waiting;
    private final Clock clock;

    public CommandService(
            R2dbcCommands commands,
            DeviceDirectory directory,
            CommandDispatch dispatch,
            CommandWaiters waiters,
            WaitingCommands waiting,
            Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.dispatch = dispatch;
        this.waiters = waiters;
        this.waiting = waiting;
        this.clock = clock;
    }

    /** The command's record: answered (or timed out) for a SYNC command, SENT or PENDING for an ASYNC one. */
    public Mono<CommandRecord> send(TenantId tenant, ProductKey product, DeviceKey device, Request request) {
        // the directory's cached view (kept current on every node by the change signal): a command
        // costs no lookups in PostgreSQL before its record
        return directory
                .credentials(product, device)
                .filter(found -> found.tenant().equals(tenant))
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.DEVICE_NOT_FOUND, "product '" + product + "' has no device '" + device + "'")))
                .then(directory.productModel(product))
                .map(ProductModel::model)
                .doOnNext(model -> CommandChecks.check(model, request.kind(), request.serviceId(), request.params()))
                .flatMap(model -> reachableHere(product, device, request.sync()))
                .flatMap(reachable -> {
                    Instant now = clock.instant();
                    CommandRecord command = new CommandRecord(
                            tenant,
                            UUID.randomUUID(),
                            product,
                            device,
                            request.kind(),
                            request.serviceId(),
                            request.params(),
                            request.sync(),
                            reachable ? CommandRecord.Status.SENT : CommandRecord.Status.PENDING,
                            now,
                            reachable ? now : null,
                            null,
                            now.plus(reachable || request.sync() ? request.timeout() : request.ttl()),
                            null,
                            null,
                            null);
                    return commands.insert(command, (int) request.timeout().toSeconds())
                            .flatMap(saved -> delivered(
                                    saved,
                                    request,
                                    reachable
                                            ? Mono.fromRunnable(() -> dispatch.send(saved))
                                            : waiting.announce(saved.product(), saved.device())));
                });
    }

    /**
     * True when this node reaches the device; false when another node does — or, for an ASYNC
     * command, none does yet; a SYNC command for a device that is connected to no node is refused.
     */
    private Mono<Boolean> reachableHere(ProductKey product, DeviceKey device, boolean sync) {
        if (dispatch.reachable(product, device)) {
            return Mono.just(true);
        }
        if (!sync) {
            return Mono.just(false);
        }
        return commands.connectedSomewhere(product, device)
                .filter(connected -> connected)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        PlatformError.DEVICE_NOT_CONNECTED,
                        "device '" + device + "' is not connected; a SYNC command needs it connected")))
                .thenReturn(false);
    }

    Mono<CommandRecord> get(TenantId tenant, UUID commandId) {
        return commands.find(tenant, commandId)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.COMMAND_NOT_FOUND, "no command '" + commandId + "'")));
    }

    /**
     * Sets the command on its way with {@code delivery} — published from here, or announced to the
     * node that reaches its device — and, for a SYNC one, waits for its answered record or times out.
     * The wait is registered before the delivery, so an answer cannot arrive before it.
     */
    private Mono<CommandRecord> delivered(CommandRecord command, Request request, Mono<Void> delivery) {
        if (!request.sync()) {
            return delivery.thenReturn(command);
        }
        Mono<CommandRecord> answer = waiters.register(command);
        return delivery.then(answered(command, answer, request));
    }

    private Mono<CommandRecord> answered(CommandRecord command, Mono<CommandRecord> answer, Request request) {
        return answer.timeout(request.timeout())
                .onErrorResume(
                        TimeoutException.class,
                        late -> commands.timedOut(command.tenant(), command.commandId(), clock.instant())
                                // answered just now: the answer stands
                                .switchIfEmpty(commands.find(command.tenant(), command.commandId())));
    }
}
