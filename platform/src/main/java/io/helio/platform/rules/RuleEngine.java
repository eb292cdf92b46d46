package io.helio.platform.rules;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.ingest.LatestValues;
import io.helio.platform.ingest.NewValuesListener;
import io.helio.platform.model.DataType;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingModel;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evaluates the enabled rules of a product each time one of its devices posts new values (never
 * back-filled or derived ones) and opens or recovers alerts when a condition starts or stops
 * holding — only then, so a condition that stays true raises one alert. Expressions are judged on
 * the device's latest values, windows on their aggregates, event rules on each event of their type
 * (rules on silence are the {@link SilenceWatch}'s). Which conditions hold and the windows' values
 * are kept per rule and device in memory (bounded): a restart forgets delays and windows in progress
 * (what holds is read back from the alerts). Rules are compiled once and cached per product; a change
 * on this node applies at once, on another within {@link #RULES_REFRESH} (the rules are read again in
 * the background meanwhile, and compiled again only if they or their model changed).
 */
public class RuleEngine implements NewValuesListener {

    static final Duration RULES_REFRESH = Duration.ofSeconds(10);
    private static final int LANES = 16;
    private static final int LANE_CAPACITY = 4_096;

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private record ProductOf(TenantId tenant, ProductKey product) {}

    private record Pair(TenantId tenant, String ruleId, DeviceRef device) {}

    /** A rule's definition (records compare by value) on a version of its model. */
    private record RuleVersion(AlertRule rule, int modelVersion) {}

    /** A rule ready to judge a product's devices: its compiled expression, or whether its derived point is an INT. */
    private record Compiled(AlertRule rule, @Nullable RuleCondition condition, boolean derivesInteger) {

        Pair pair(DeviceRef device) {
            return new Pair(rule.tenant(), rule.ruleId(), device);
        }
    }

    /**
     * A product's rules by the devices they watch, so a value meets only its device's rules: those
     * listing devices (or on an asset subtree) under each device, the others under every device.
     */
    private record ProductRules(List<Compiled> everyDevice, Map<DeviceKey, List<Compiled>> byDevice) {

        static final ProductRules NONE = new ProductRules(List.of(), Map.of());

        List<Compiled> of(DeviceKey device) {
            List<Compiled> listed = byDevice.getOrDefault(device, List.of());
            if (listed.isEmpty() || everyDevice.isEmpty()) {
                return listed.isEmpty() ? everyDevice : listed;
            }
            List<Compiled> both = new ArrayList<>(everyDevice);
            both.addAll(listed);
            return both;
        }
    }

    private final R2dbcRuleRepository rules;
    private final R2dbcAlertRepository alerts;
    private final DeviceDirectory directory;
    private final LatestValues latest;
    private final RuleActions actions;
    private final Duration windowGrace;
    private final Clock clock;
    private final RuleLanes lanes = new RuleLanes(LANES, LANE_CAPACITY);
    private final AsyncLoadingCache<ProductOf, ProductRules> compiled;
    // a rule is compiled again only when it or its model changes
    private final Cache<RuleVersion, Compiled> compiledRules =
            Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<Pair, ConditionState> states =
            Caffeine.newBuilder().maximumSize(1_000_000).build();
    private final Cache<Pair, WindowState> windows =
            Caffeine.newBuilder().maximumSize(100_000).build();

    /** How long a rule's condition takes to evaluate. */
    private final Timer evaluations;

    RuleEngine(
            R2dbcRuleRepository rules,
            R2dbcAlertRepository alerts,
            DeviceDirectory directory,
            LatestValues latest,
            RuleActions actions,
            Duration windowGrace,
            Timer evaluations,
            Clock clock) {
        this.evaluations = evaluations;
        this.rules = rules;
        this.alerts = alerts;
        this.directory = directory;
        this.latest = latest;
        this.actions = actions;
        this.windowGrace = windowGrace;
        this.clock = clock;
        this.compiled = Caffeine.newBuilder()
                .refreshAfterWrite(RULES_REFRESH)
                .maximumSize(100_000)
                .buildAsync((key, executor) -> load(key).toFuture());
    }

    /** Evaluates the rules of the samples' devices, after they are stored; never delays the caller. */
    @Override
    public void accepted(TenantId tenant, List<MeasurePointSample> samples) {
        for (MeasurePointSample sample : samples) {
            CompletableFuture<ProductRules> rules = compiled.get(new ProductOf(tenant, sample.product()));
            DeviceRef device = new DeviceRef(sample.product(), sample.device());
            if (!rules.isDone() || rules.isCompletedExceptionally()) {
                lanes.offer(
                        device,
                        () -> Mono.fromFuture(rules)
                                .flatMap(loaded -> judge(loaded.of(sample.device()), device, sample)));
                continue;
            }
            List<Compiled> watching = rules.join().of(sample.device());
            if (!watching.isEmpty()) {
                lanes.offer(device, () -> judge(watching, device, sample));
            }
        }
    }

    private Mono<Void> judge(List<Compiled> rules, DeviceRef device, MeasurePointSample sample) {
        return rules.size() == 1
                ? react(rules.get(0), device, sample)
                : Flux.fromIterable(rules)
                        .concatMap(rule -> react(rule, device, sample))
                        .then();
    }

    /**
     * A rule was created, changed or deleted: the rules of its product (of every product of its
     * tenant, for a model's rule) are compiled again on next use.
     */
    void changed(AlertRule rule) {
        if (rule.product() != null) {
            compiled.synchronous().invalidate(new ProductOf(rule.tenant(), rule.product()));
        } else {
            compiled.synchronous().asMap().keySet().removeIf(key -> key.tenant().equals(rule.tenant()));
        }
    }

    private Mono<Void> react(Compiled rule, DeviceRef device, MeasurePointSample sample) {
        RuleTrigger trigger = rule.rule().trigger();
        if (sample.isEvent()) {
            return trigger instanceof RuleTrigger.Event event && event.eventId().equals(sample.event())
                    ? actions.open(rule.rule(), device, sample.values())
                    : Mono.empty();
        }
        if (trigger instanceof RuleTrigger.Expression) {
            return evaluate(rule, device);
        }
        if (trigger instanceof RuleTrigger.Window window
                && sample.values().get(window.point()) instanceof Number value) {
            return windowed(rule, window, device, sample.time(), value.doubleValue());
        }
        return Mono.empty();
    }

    private Mono<Void> evaluate(Compiled rule, DeviceRef device) {
        Map<String, Object> values = new HashMap<>();
        latest.of(rule.rule().tenant(), device.product(), device.device())
                .forEach((point, kept) -> values.put(point, kept.value()));
        // if no value comes while a delay runs, a look when it is over decides
        Runnable lookAfterDelay = () ->
                Mono.delay(rule.rule().delay()).subscribe(done -> lanes.offer(device, () -> evaluate(rule, device)));
        return evaluations
                .record(() -> rule.condition().test(values))
                .map(holds -> act(rule, device, holds, values, lookAfterDelay))
                .orElse(Mono.empty());
    }

    private Mono<Void> windowed(
            Compiled rule, RuleTrigger.Window window, DeviceRef device, Instant time, double value) {
        Instant now = clock.instant();
        WindowState state = windows.asMap()
                .compute(
                        rule.pair(device),
                        (key, kept) -> kept == null || !kept.window().equals(window)
                                ? new WindowState(window, time, now)
                                : kept);
        Mono<Void> judged = state.add(time, value, now)
                .map(judgement -> judged(rule, device, judgement))
                .orElse(Mono.empty());
        if (window.type() == RuleTrigger.WindowType.TUMBLING && state.claimTimer()) {
            endWhenDue(rule, device, state);
        }
        return judged;
    }

    /** Ends the open tumbling window, in the device's lane, once it is over and quiet (if no later value ended it). */
    private void endWhenDue(Compiled rule, DeviceRef device, WindowState state) {
        Duration wait = Duration.between(clock.instant(), state.endableAt(windowGrace));
        Mono.delay(wait.isNegative() ? Duration.ZERO : wait).subscribe(done -> {
            boolean queued = lanes.offer(device, () -> {
                if (clock.instant().isBefore(state.endableAt(windowGrace))) {
                    endWhenDue(rule, device, state);
                    return Mono.empty();
                }
                state.releaseTimer();
                return state.endOpenWindow()
                        .map(judgement -> judged(rule, device, judgement))
                        .orElse(Mono.empty());
            });
            if (!queued) {
                state.releaseTimer(); // the device's next value sets a timer again
            }
        });
    }

    private Mono<Void> judged(Compiled rule, DeviceRef device, WindowState.Judgement judgement) {
        RuleTrigger.Window window = (RuleTrigger.Window) rule.rule().trigger();
        Mono<Void> derived = window.derivedPoint() == null
                ? Mono.empty()
                : actions.derive(
                                rule.rule(),
                                device,
                                window.derivedPoint(),
                                judgement.at(),
                                rule.derivesInteger()
                                        ? (Object) Math.round(judgement.aggregate())
                                        : judgement.aggregate())
                        .onErrorResume(failure -> {
                            log.warn(
                                    "rule {} could not store its derived point",
                                    rule.rule().ruleId(),
                                    failure);
                            return Mono.empty();
                        });
        // a window's delay is checked at its judgements
        return derived.then(
                act(rule, device, judgement.holds(), Map.of(window.aggregateName(), judgement.aggregate()), () -> {}));
    }

    private Mono<Void> act(
            Compiled rule, DeviceRef device, boolean holds, Map<String, Object> values, Runnable whenDelayed) {
        return transition(rule.pair(device), holds, rule.rule().delay()).flatMap(change -> switch (change) {
            case STARTED -> actions.open(rule.rule(), device, values);
            case STOPPED -> actions.recover(rule.rule(), device);
            case DELAYED -> {
                whenDelayed.run();
                yield Mono.<Void>empty();
            }
            case NONE -> Mono.<Void>empty();
        });
    }

    private enum Change {
        STARTED,
        STOPPED,
        DELAYED,
        NONE
    }

    private static final Mono<Change> UNCHANGED = Mono.just(Change.NONE);

    /** Moves the pair's state on by this value, and says what that means for its alert. */
    private Mono<Change> transition(Pair pair, boolean holds, Duration delay) {
        ConditionState remembered = states.getIfPresent(pair);
        if (remembered != null && remembered.next(holds, clock.instant(), delay).equals(remembered)) {
            return UNCHANGED; // most judgements: nothing moves, so nothing is written to the cache
        }
        Mono<ConditionState> known = remembered != null
                ? Mono.just(remembered)
                : alerts.holds(
                                pair.tenant(),
                                pair.ruleId(),
                                pair.device().product(),
                                pair.device().device())
                        .map(firing -> firing ? ConditionState.FIRING : ConditionState.IDLE);
        return known.map(fromStore -> {
            ConditionState[] before = {fromStore};
            ConditionState after = states.asMap().compute(pair, (key, current) -> {
                before[0] = current == null ? fromStore : current;
                return before[0].next(holds, clock.instant(), delay);
            });
            if (!before[0].firing() && after.firing()) {
                return Change.STARTED;
            }
            if (before[0].firing() && !after.firing()) {
                return Change.STOPPED;
            }
            return after.phase() == ConditionState.Phase.PENDING && before[0].phase() != ConditionState.Phase.PENDING
                    ? Change.DELAYED
                    : Change.NONE;
        });
    }

    private Mono<ProductRules> load(ProductOf key) {
        return directory
                .productModel(key.product())
                .flatMap(found -> rules.enabledFor(
                                key.tenant(), key.product(), found.product().model())
                        .concatMap(rule -> subtreeDevices(rule, key.product())
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty())
                                .flatMap(inSubtree -> Mono.fromCallable(() -> compiledRules.get(
                                                new RuleVersion(
                                                        rule, found.model().version()),
                                                version -> compile(rule, found.model())))
                                        .map(ready -> Map.entry(ready, inSubtree)))
                                .onErrorResume(invalid -> {
                                    // the model changed under the rule: it stays off until it is fixed
                                    log.warn(
                                            "rule {} no longer fits its model: {}",
                                            rule.ruleId(),
                                            invalid.getMessage());
                                    return Mono.empty();
                                }))
                        .collectList()
                        .map(RuleEngine::byDevice))
                .defaultIfEmpty(ProductRules.NONE);
    }

    /** Files each rule under the devices it lists (or finds in its subtree), or under every device. */
    private static ProductRules byDevice(List<Map.Entry<Compiled, Optional<Set<DeviceKey>>>> rules) {
        List<Compiled> everyDevice = new ArrayList<>();
        Map<DeviceKey, List<Compiled>> byDevice = new HashMap<>();
        for (Map.Entry<Compiled, Optional<Set<DeviceKey>>> entry : rules) {
            Compiled rule = entry.getKey();
            Collection<DeviceKey> listed = entry.getValue()
                    .map(subtree -> (Collection<DeviceKey>) subtree)
                    .orElseGet(() -> rule.rule().scope() instanceof RuleScope.OfProduct ofProduct
                                    && !ofProduct.devices().isEmpty()
                            ? ofProduct.devices()
                            : null);
            if (listed == null) {
                everyDevice.add(rule);
            } else {
                listed.forEach(device -> byDevice.computeIfAbsent(device, key -> new ArrayList<>())
                        .add(rule));
            }
        }
        // a hash map, not Map.copyOf's: that one probes by equals alone, a key comparison per step, and
        // this lookup runs for every value stored
        return new ProductRules(List.copyOf(everyDevice), Collections.unmodifiableMap(byDevice));
    }

    /** For a rule on an asset subtree, the product's devices in it; empty for other rules. */
    private Mono<Set<DeviceKey>> subtreeDevices(AlertRule rule, ProductKey product) {
        return rule.scope() instanceof RuleScope.OfModel ofModel && ofModel.subtree() != null
                ? rules.subtreeDevices(rule.tenant(), ofModel.subtree(), product)
                : Mono.empty();
    }

    private static Compiled compile(AlertRule rule, ThingModel model) {
        RuleCondition condition = RuleChecks.check(rule, model);
        boolean derivesInteger = rule.trigger() instanceof RuleTrigger.Window window
                && window.derivedPoint() != null
                && model.measurePoint(window.derivedPoint())
                        .map(point -> point.type().dataType() == DataType.INT)
                        .orElse(false);
        return new Compiled(rule, condition, derivesInteger);
    }
}
