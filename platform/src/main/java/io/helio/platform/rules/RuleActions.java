package io.helio.platform.rules;

import io.helio.platform.command.CommandRecord;
import io.helio.platform.command.CommandService;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What follows when a rule's condition starts or stops holding for a device: its alert opens or
 * recovers (with the webhook delivery written alongside), the live stream hears of it, and the
 * rule's commands go to the device. Also writes a window's derived point.
 */
class RuleActions {

    private static final Logger log = LoggerFactory.getLogger(RuleActions.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TTL = Duration.ofHours(1);

    private final R2dbcAlertRepository alerts;
    private final AlertFeed feed;
    private final CommandService commands;
    private final JsonMapper json;
    // the ingestor hears of new values through the engine, which acts through this: looked up late
    private final ObjectProvider<MeasurePointIngestor> ingestor;
    private final Clock clock;

    RuleActions(
            R2dbcAlertRepository alerts,
            AlertFeed feed,
            CommandService commands,
            JsonMapper json,
            ObjectProvider<MeasurePointIngestor> ingestor,
            Clock clock) {
        this.alerts = alerts;
        this.feed = feed;
        this.commands = commands;
        this.json = json;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    /** Opens the rule's alert for the device, unless one holds already (then nothing happens). */
    Mono<Void> open(AlertRule rule, DeviceRef device, Map<String, Object> values) {
        boolean endsOnClose = rule.trigger() instanceof RuleTrigger.Event;
        return alerts.open(rule.tenant(), alertOf(rule, device, values), endsOnClose, rule.webhook())
                .doOnNext(alert -> {
                    feed.publish(rule.tenant(), "OPENED", alert);
                    send(rule, device, RuleCommand.OPENED);
                })
                .then();
    }

    /** Recovers the rule's holding alert for the device, if there is one. */
    Mono<Void> recover(AlertRule rule, DeviceRef device) {
        return alerts.recover(
                        rule.tenant(),
                        rule.ruleId(),
                        device.product(),
                        device.device(),
                        clock.instant(),
                        rule.webhook())
                .doOnNext(alert -> {
                    feed.publish(rule.tenant(), "RECOVERED", alert);
                    send(rule, device, RuleCommand.RECOVERED);
                })
                .then();
    }

    /** Stores a window's aggregate as the device's derived point, typed as the model declares it. */
    Mono<Void> derive(AlertRule rule, DeviceRef device, String point, Instant at, Object value) {
        return ingestor.getObject()
                .postDerived(
                        rule.tenant(),
                        new MeasurePointSample(device.product(), device.device(), at, Map.of(point, value)));
    }

    /** The rule's commands for this change, ASYNC: recorded, and kept for a device that is not connected. */
    private void send(AlertRule rule, DeviceRef device, String when) {
        // one after another, so the device gets them in the rule's order
        Flux.fromIterable(rule.commands())
                .filter(command -> command.when().equals(when))
                .concatMap(command -> commands.send(
                                rule.tenant(),
                                device.product(),
                                device.device(),
                                new CommandService.Request(
                                        command.serviceId() == null
                                                ? CommandRecord.Kind.SET_MEASURE_POINTS
                                                : CommandRecord.Kind.SERVICE,
                                        command.serviceId(),
                                        json.valueToTree(command.params()),
                                        false,
                                        COMMAND_TIMEOUT,
                                        COMMAND_TTL))
                        .onErrorResume(failure -> {
                            log.warn("rule {} could not command {}", rule.ruleId(), device, failure);
                            return Mono.empty();
                        }))
                .subscribe(sent -> log.debug("rule {} sent command {}", rule.ruleId(), sent.commandId()));
    }

    private AlertRecord alertOf(AlertRule rule, DeviceRef device, Map<String, Object> values) {
        String message = rule.message();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            message = message.replace("{{" + value.getKey() + "}}", String.valueOf(value.getValue()));
        }
        return new AlertRecord(
                UUID.randomUUID(),
                rule.ruleId(),
                device.product(),
                device.device(),
                rule.severity(),
                "ACTIVE",
                message,
                values,
                clock.instant(),
                null,
                null,
                null,
                null,
                null);
    }
}
