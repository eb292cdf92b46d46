package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.InfluxRawDataReader;
import io.helio.platform.timeseries.RawDataQuery;
import io.helio.platform.timeseries.RawRecord;
import io.helio.platform.timeseries.StoredNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Replays stored values through a rule, oldest first, as the engine would have met them: each
 * device's latest values (or its window), the rule's delay, one alert while the condition holds. Bounded: a range of
 * at most 31 days, a million records, a thousand transitions, the product's first thousand devices.
 */
class RuleReplay {

    static final Duration LONGEST_RANGE = Duration.ofDays(31);
    private static final int MAX_RECORDS = 1_000_000;
    private static final int MAX_TRANSITIONS = 1_000;
    private static final int MAX_DEVICES = 1_000;

    /** When the rule's alert would have opened or recovered for a device, on which values. */
    record Transition(DeviceKey device, String change, Instant time, Map<String, Object> values) {}

    record Result(List<Transition> transitions, long recordsRead, boolean truncated) {}

    private final RuleService rules;
    private final DeviceService devices;
    private final InfluxRawDataReader reader;

    RuleReplay(RuleService rules, DeviceService devices, InfluxRawDataReader reader) {
        this.rules = rules;
        this.devices = devices;
        this.reader = reader;
    }

    Mono<Result> run(AlertRule rule, Instant start, Instant end) {
        if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
            return Mono.error(new ApiException(PlatformError.RULE_INVALID, "a dry run covers at most 31 days"));
        }
        if (!(rule.trigger() instanceof RuleTrigger.Expression || rule.trigger() instanceof RuleTrigger.Window)) {
            return Mono.error(new ApiException(
                    PlatformError.RULE_INVALID,
                    "a dry run replays expression and window rules; this is a "
                            + rule.trigger().kind() + " rule"));
        }
        RuleTrigger.Window window = rule.trigger() instanceof RuleTrigger.Window windowed ? windowed : null;
        if (!(rule.scope() instanceof RuleScope.OfProduct scope)) {
            return Mono.error(new ApiException(PlatformError.RULE_INVALID, "a dry run replays a product's rule"));
        }
        return rules.validated(rule)
                .flatMap(checked -> devicesOf(rule.tenant(), scope).flatMap(covered -> {
                    Map<String, MeasurePoint> points = new LinkedHashMap<>();
                    checked.model().elements().measurePoints().stream()
                            .filter(RuleCondition::readable)
                            .filter(point ->
                                    window == null || point.id().value().equals(window.point()))
                            .forEach(point -> points.put(point.id().value(), point));
                    if (covered.devices().isEmpty() || points.isEmpty()) {
                        return Mono.just(new Result(List.of(), 0, covered.truncated()));
                    }
                    Replay replay = new Replay(checked.condition(), window, rule.delay());
                    return reader.stream(new RawDataQuery(
                                    rule.tenant(), scope.product(), covered.devices(), points, start, end, false))
                            .take(MAX_RECORDS)
                            .takeWhile(record -> replay.transitions.size() < MAX_TRANSITIONS)
                            .doOnNext(replay::apply)
                            .then(Mono.fromCallable(() -> replay.finish(end, covered.truncated())));
                }));
    }

    private record Covered(List<DeviceKey> devices, boolean truncated) {}

    private Mono<Covered> devicesOf(TenantId tenant, RuleScope.OfProduct scope) {
        if (!scope.devices().isEmpty()) {
            return Mono.just(new Covered(scope.devices(), false));
        }
        return devices.list(
                        tenant,
                        new R2dbcDeviceRepository.Filter(scope.product(), null, null, null, null),
                        null,
                        MAX_DEVICES + 1)
                .map(device -> device.key())
                .collectList()
                .map(found -> found.size() > MAX_DEVICES
                        ? new Covered(found.subList(0, MAX_DEVICES), true)
                        : new Covered(found, false));
    }

    /** The engine's view of each device, moved on record by record. */
    private static final class Replay {
        private final @Nullable RuleCondition condition;
        private final RuleTrigger.@Nullable Window window;
        private final Duration delay;
        private final Map<DeviceKey, WindowState> windows = new HashMap<>();
        private final Map<DeviceKey, Map<String, Object>> latest = new HashMap<>();
        private final Map<DeviceKey, ConditionState> states = new HashMap<>();
        private final List<Transition> transitions = new ArrayList<>();
        private long records;

        Replay(@Nullable RuleCondition condition, RuleTrigger.@Nullable Window window, Duration delay) {
            this.condition = condition;
            this.window = window;
            this.delay = delay;
        }

        void apply(RawRecord record) {
            records++;
            if (window != null) {
                applyToWindow(window, record);
                return;
            }
            Map<String, Object> values = latest.computeIfAbsent(record.device(), device -> new HashMap<>());
            ConditionState stored = states.getOrDefault(record.device(), ConditionState.IDLE);
            // a delay that ran out before this value fired then, on the values before it, as the
            // engine's timer would have
            ConditionState before = stored;
            if (stored.phase() == ConditionState.Phase.PENDING
                    && !record.time().isBefore(stored.since().plus(delay))) {
                transitions.add(
                        new Transition(record.device(), "OPENED", stored.since().plus(delay), Map.copyOf(values)));
                before = ConditionState.FIRING;
            }
            record.values().forEach((point, value) -> values.put(point, plain(value)));
            ConditionState from = before;
            ConditionState after = condition
                    .test(values)
                    .map(holds -> from.next(holds, record.time(), delay))
                    .orElse(from);
            moved(record.device(), from, after, record.time(), values);
        }

        /** Records the alert's transition, if the state's move makes one, and keeps the new state. */
        private void moved(
                DeviceKey device, ConditionState from, ConditionState after, Instant at, Map<String, Object> values) {
            if (!from.firing() && after.firing()) {
                transitions.add(new Transition(device, "OPENED", at, Map.copyOf(values)));
            } else if (from.firing() && !after.firing()) {
                transitions.add(new Transition(device, "RECOVERED", at, Map.copyOf(values)));
            }
            states.put(device, after);
        }

        /** A stored value as the engine has it: without its quality flag, FLOAT and DOUBLE as doubles. */
        private static @Nullable Object plain(@Nullable Object value) {
            Object bare = value instanceof Map<?, ?> withQuality ? withQuality.get("value") : value;
            return bare instanceof StoredNumber number ? number.doubleValue() : bare;
        }

        /** A window's values meet its device's window, whose judgements move its state, as in the engine. */
        private void applyToWindow(RuleTrigger.Window window, RawRecord record) {
            if (!(plain(record.values().get(window.point())) instanceof Number number)) {
                return;
            }
            windows.computeIfAbsent(record.device(), device -> new WindowState(window, record.time(), record.time()))
                    .add(record.time(), number.doubleValue(), record.time())
                    .ifPresent(judgement -> judged(window, record.device(), judgement));
        }

        private void judged(RuleTrigger.Window window, DeviceKey device, WindowState.Judgement judgement) {
            ConditionState from = states.getOrDefault(device, ConditionState.IDLE);
            ConditionState after = from.next(judgement.holds(), judgement.at(), delay);
            moved(device, from, after, judgement.at(), Map.of(window.aggregateName(), judgement.aggregate()));
        }

        /**
         * Tumbling windows that ended within the range are judged; an expression's delays still
         * running at the end that ran out within the range fire too.
         */
        Result finish(Instant end, boolean devicesTruncated) {
            if (window != null) {
                windows.forEach((device, state) -> {
                    if (window.type() == RuleTrigger.WindowType.TUMBLING
                            && !state.endableAt(Duration.ZERO).isAfter(end)) {
                        state.endOpenWindow().ifPresent(judgement -> judged(window, device, judgement));
                    }
                });
                return result(devicesTruncated);
            }
            states.forEach((device, state) -> {
                if (state.phase() == ConditionState.Phase.PENDING
                        && state.since().plus(delay).isBefore(end)) {
                    transitions.add(new Transition(
                            device, "OPENED", state.since().plus(delay), Map.copyOf(latest.get(device))));
                }
            });
            return result(devicesTruncated);
        }

        private Result result(boolean devicesTruncated) {
            transitions.sort((one, other) -> one.time().compareTo(other.time()));
            boolean truncated = devicesTruncated || records >= MAX_RECORDS || transitions.size() >= MAX_TRANSITIONS;
            return new Result(List.copyOf(transitions), records, truncated);
        }
    }
}
