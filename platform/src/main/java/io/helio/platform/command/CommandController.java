package io.helio.platform.command;

import io.helio.platform.api.CommandsApi;
import io.helio.platform.api.model.Command;
import io.helio.platform.api.model.CommandCreate;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
class CommandController implements CommandsApi {

    private final CommandService commands;
    private final JsonMapper json;

    CommandController(CommandService commands, JsonMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Override
    public Mono<ResponseEntity<Command>> sendCommand(
            String productKey, String deviceKey, Mono<CommandCreate> body, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(body)
                .flatMap(request -> commands.send(
                        request.getT1(), ProductKey.of(productKey), DeviceKey.of(deviceKey), request(request.getT2())))
                .map(command -> ResponseEntity.status(command.sync() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .body(toApi(command)));
    }

    @Override
    public Mono<ResponseEntity<Command>> getCommand(UUID commandId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> commands.get(tenant, commandId))
                .map(command -> ResponseEntity.ok(toApi(command)));
    }

    /** The one thing the command asks: a service, a set or a get. */
    private CommandService.Request request(CommandCreate create) {
        List<CommandService.Request> asked = new ArrayList<>();
        boolean sync = create.getMode() != CommandCreate.ModeEnum.ASYNC;
        Duration timeout = Duration.ofSeconds(create.getTimeoutSeconds() == null ? 10 : create.getTimeoutSeconds());
        Duration ttl = Duration.ofSeconds(create.getTtlSeconds() == null ? 3600 : create.getTtlSeconds());
        if (create.getServiceId() != null) {
            asked.add(new CommandService.Request(
                    CommandRecord.Kind.SERVICE,
                    create.getServiceId(),
                    json.valueToTree(create.getParams() == null ? Map.of() : create.getParams()),
                    sync,
                    timeout,
                    ttl));
        } else if (create.getParams() != null && !create.getParams().isEmpty()) {
            throw CommandChecks.invalid("params go with a serviceId");
        }
        if (create.getSetMeasurePoints() != null
                && !create.getSetMeasurePoints().isEmpty()) {
            asked.add(new CommandService.Request(
                    CommandRecord.Kind.SET_MEASURE_POINTS,
                    null,
                    json.valueToTree(create.getSetMeasurePoints()),
                    sync,
                    timeout,
                    ttl));
        }
        if (create.getGetMeasurePoints() != null
                && !create.getGetMeasurePoints().isEmpty()) {
            asked.add(new CommandService.Request(
                    CommandRecord.Kind.GET_MEASURE_POINTS,
                    null,
                    json.valueToTree(create.getGetMeasurePoints()),
                    sync,
                    timeout,
                    ttl));
        }
        if (asked.size() != 1) {
            throw CommandChecks.invalid(
                    "a command is exactly one of serviceId, setMeasurePoints and getMeasurePoints; this one asks "
                            + asked.size());
        }
        return asked.get(0);
    }

    private Command toApi(CommandRecord command) {
        return new Command(
                        command.commandId(),
                        command.product().value(),
                        command.device().value(),
                        Command.KindEnum.fromValue(command.kind().name()),
                        command.sync() ? Command.ModeEnum.SYNC : Command.ModeEnum.ASYNC,
                        Command.StatusEnum.fromValue(command.status().name()),
                        utc(command.createdAt()))
                .serviceId(command.serviceId())
                .params(json.convertValue(command.params(), Object.class))
                .sentAt(utc(command.sentAt()))
                .completedAt(utc(command.completedAt()))
                .expiresAt(utc(command.expiresAt()))
                .replyCode(command.replyCode())
                .replyMessage(command.replyMessage())
                .outputs(command.outputs());
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
