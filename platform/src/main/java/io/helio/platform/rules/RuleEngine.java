package io.helio.platform.rules;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.ingest.LatestValues;
import io.helio.platform.ingest.NewValuesListener;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Evaluates the enabled rules of a product each time one of its devices posts new values (never
 * back-filled ones), on the device's latest values, and opens or recovers alerts when a condition
 * starts or stops holding — only then, so a condition that stays true raises one alert. Which
 * conditions hold is remembered per rule and device (bounded; what is forgotten is read back from
 * the alerts). Rules are compiled once and cached per product; a change on this node applies at
 * once, on another within {@link #RULES_REFRESH}.
 */
public class RuleEngine implements NewValuesListener {

    static final Duration RULES_REFRESH = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private record ProductOf(TenantId tenant, ProductKey product) {}

    private record Pair(TenantId tenant, String ruleId, ProductKey product, DeviceKey device) {}

    private record Compiled(AlertRule rule, RuleCondition condition) {}

    private final R2dbcRuleRepository rules;
    private final R2dbcAlertRepository alerts;
    private final DeviceDirectory directory;
    private final LatestValues latest;
    private final AlertFeed feed;
    private final Clock clock;
    private final AsyncLoadingCache<ProductOf, List<Compiled>> compiled;
    private final Cache<Pair, ConditionState> states =
            Caffeine.newBuilder().maximumSize(1_000_000).build();

    RuleEngine(
            R2dbcRuleRepository rules,
            R2dbcAlertRepository alerts,
            DeviceDirectory directory,
            LatestValues latest,
            AlertFeed feed,
            Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.directory = directory;
        this.latest = latest;
        this.feed = feed;
        this.clock = clock;
        this.compiled = Caffeine.newBuilder()
                .expireAfterWrite(RULES_REFRESH)
                .maximumSize(100_000)
                .buildAsync((key, executor) -> load(key).toFuture());
    }

    /** Evaluates the rules of the samples' devices, after they are stored; never delays the caller. */
    @Override
    public void accepted(TenantId tenant, List<MeasurePointSample> samples) {
        for (MeasurePointSample sample : samples) {
            if (sample.isEvent()) {
                continue;
            }
            CompletableFuture<List<Compiled>> rules = compiled.get(new ProductOf(tenant, sample.product()));
            boolean knownToHaveNone = rules.isDone()
                    && !rules.isCompletedExceptionally()
                    && rules.join().isEmpty();
            if (!knownToHaveNone) {
                Mono.fromFuture(rules)
                        .flatMapIterable(list -> list)
                        .filter(rule -> rule.rule().covers(sample.device()))
                        .concatMap(rule -> evaluate(tenant, rule, sample.device()))
                        .subscribe(null, failure -> log.warn("rules of {} failed", sample.device(), failure));
            }
        }
    }

    /** A rule was created, changed or deleted: its product's rules are compiled again on next use. */
    void changed(AlertRule rule) {
        compiled.synchronous().invalidate(new ProductOf(rule.tenant(), rule.product()));
    }

    private Mono<Void> evaluate(TenantId tenant, Compiled rule, DeviceKey device) {
        Map<String, Object> values = new HashMap<>();
        latest.of(tenant, rule.rule().product(), device).forEach((point, kept) -> values.put(point, kept.value()));
        Pair pair = new Pair(tenant, rule.rule().ruleId(), rule.rule().product(), device);
        return rule.condition()
                .test(values)
                .map(holds -> transition(pair, holds, rule.rule().delay()).flatMap(change -> switch (change) {
                    case STARTED ->
                        alerts.open(
                                        tenant,
                                        alertOf(rule.rule(), device, values),
                                        rule.rule().webhook())
                                .doOnNext(alert -> feed.publish(tenant, "OPENED", alert))
                                .then();
                    case STOPPED ->
                        alerts.recover(
                                        tenant,
                                        rule.rule().ruleId(),
                                        rule.rule().product(),
                                        device,
                                        clock.instant(),
                                        rule.rule().webhook())
                                .doOnNext(alert -> feed.publish(tenant, "RECOVERED", alert))
                                .then();
                    case DELAYED -> {
                        // if no value comes while the delay runs, this look decides
                        Mono.delay(rule.rule().delay())
                                .then(Mono.defer(() -> evaluate(tenant, rule, device)))
                                .subscribe(null, failure -> log.warn("delayed rule {} failed", pair, failure));
                        yield Mono.<Void>empty();
                    }
                    case NONE -> Mono.<Void>empty();
                }))
                .orElse(Mono.empty());
    }

    private enum Change {
        STARTED,
        STOPPED,
        DELAYED,
        NONE
    }

    /** Moves the pair's state on by this value, and says what that means for its alert. */
    private Mono<Change> transition(Pair pair, boolean holds, Duration delay) {
        ConditionState remembered = states.getIfPresent(pair);
        Mono<ConditionState> known = remembered != null
                ? Mono.just(remembered)
                : alerts.holds(pair.tenant(), pair.ruleId(), pair.product(), pair.device())
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

    private AlertRecord alertOf(AlertRule rule, DeviceKey device, Map<String, Object> values) {
        String message = rule.message();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            message = message.replace("{{" + value.getKey() + "}}", String.valueOf(value.getValue()));
        }
        return new AlertRecord(
                UUID.randomUUID(),
                rule.ruleId(),
                rule.product(),
                device,
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

    private Mono<List<Compiled>> load(ProductOf key) {
        return directory
                .productModel(key.product())
                .flatMap(found -> rules.enabledFor(key.tenant(), key.product())
                        .flatMap(rule -> Mono.fromCallable(() ->
                                        new Compiled(rule, RuleCondition.compile(rule.expression(), found.model())))
                                .onErrorResume(invalid -> {
                                    // the model changed under the rule: it stays off until it is fixed
                                    log.warn("rule {} no longer compiles: {}", rule.ruleId(), invalid.getMessage());
                                    return Mono.empty();
                                }))
                        .collectList())
                .defaultIfEmpty(List.of());
    }
}
