package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DataType;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.Parameter;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.ThingService;
import io.helio.platform.timeseries.Aggregation;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Whether a rule's condition and commands fit the model of its product; a 400 {@code RULE_INVALID} naming what does not. */
final class RuleChecks {

    private static final Set<DataType> NUMBERS = Set.of(DataType.INT, DataType.FLOAT, DataType.DOUBLE);
    private static final Set<DataType> DECIMALS = Set.of(DataType.FLOAT, DataType.DOUBLE);

    private RuleChecks() {}

    /** The compiled expression of an expression rule, null for the other kinds, once the whole rule is found valid. */
    static @Nullable RuleCondition check(AlertRule rule, ThingModel model) {
        if (!rule.delay().isZero()
                && !(rule.trigger() instanceof RuleTrigger.Expression
                        || rule.trigger() instanceof RuleTrigger.Window)) {
            throw invalid("a delay applies to expression and window rules only");
        }
        rule.commands().forEach(command -> checkCommand(command, model));
        RuleTrigger trigger = rule.trigger();
        if (trigger instanceof RuleTrigger.Expression expression) {
            return RuleCondition.compile(expression.expression(), model);
        }
        if (trigger instanceof RuleTrigger.Window window) {
            checkWindow(window, model);
        }
        if (trigger instanceof RuleTrigger.Event event
                && model.event(event.eventId()).isEmpty()) {
            throw invalid("the model has no event '" + event.eventId() + "'");
        }
        return null;
    }

    private static void checkWindow(RuleTrigger.Window window, ThingModel model) {
        MeasurePoint point = point(model, window.point());
        if (!NUMBERS.contains(point.type().dataType())) {
            throw invalid("a window aggregates a numeric measure point; '" + window.point() + "' is "
                    + point.type().dataType());
        }
        String derived = window.derivedPoint();
        if (derived == null) {
            return;
        }
        if (derived.equals(window.point())) {
            throw invalid("the derived point must differ from the point the window reads");
        }
        DataType type = point(model, derived).type().dataType();
        boolean fits = DECIMALS.contains(type) || (type == DataType.INT && window.function() == Aggregation.COUNT);
        if (!fits) {
            throw invalid("the derived point '" + derived + "' is " + type
                    + "; it must be FLOAT or DOUBLE (or INT for a count)");
        }
    }

    private static void checkCommand(RuleCommand command, ThingModel model) {
        String serviceId = command.serviceId();
        if (serviceId == null) {
            command.params().keySet().forEach(name -> point(model, name));
            if (command.params().isEmpty()) {
                throw invalid("a measure-point set command names at least one point");
            }
            return;
        }
        ThingService service =
                model.service(serviceId).orElseThrow(() -> invalid("the model has no service '" + serviceId + "'"));
        Set<String> inputs = service.inputs().stream()
                .map(Parameter::id)
                .map(id -> id.value())
                .collect(Collectors.toSet());
        command.params().keySet().stream()
                .filter(name -> !inputs.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw invalid("service '" + serviceId + "' has no input '" + name + "'");
                });
    }

    private static MeasurePoint point(ThingModel model, String id) {
        return model.measurePoint(id).orElseThrow(() -> invalid("the model has no measure point '" + id + "'"));
    }

    static ApiException invalid(String why) {
        return new ApiException(PlatformError.RULE_INVALID, why);
    }
}
