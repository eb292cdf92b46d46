package io.helio.platform.rules;

import io.helio.platform.connect.DeviceCommands;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;

/**
 * What follows when a rule's condition starts or stops holding for a device: its alert opens or
 * recovers (with the webhook delivery written alongside), the live stream hears of it, and the
 * rule's commands go to the device. Also writes a window's derived point.
 */
class RuleActions {

    private static final Logger log = LoggerFactory.getLogger(RuleActions.class);

    private final R2dbcAlertRepository alerts;
    private final AlertFeed feed;
    private final DeviceCommands commands;
    // the ingestor hears of new values through the engine, which acts through this: looked up late
    private final ObjectProvider<MeasurePointIngestor> ingestor;
    private final Clock clock;

    RuleActions(
            R2dbcAlertRepository alerts,
            AlertFeed feed,
            DeviceCommands commands,
            ObjectProvider<MeasurePointIngestor> ingestor,
            Clock clock) {
        this.alerts = alerts;
        this.feed = feed;
        this.commands = commands;
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

    private void send(AlertRule rule, DeviceRef device, String when) {
        for (RuleCommand command : rule.commands()) {
            if (!command.when().equals(when)) {
                continue;
            }
            log.debug("rule {} sends {} to {}", rule.ruleId(), command, device);
            if (command.serviceId() == null) {
                commands.setMeasurePoints(device.product(), device.device(), command.params());
            } else {
                commands.invokeService(device.product(), device.device(), command.serviceId(), command.params());
            }
        }
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
