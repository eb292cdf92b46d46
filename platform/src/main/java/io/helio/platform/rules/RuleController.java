package io.helio.platform.rules;

import io.helio.platform.api.RulesApi;
import io.helio.platform.api.model.Rule;
import io.helio.platform.api.model.RuleCreate;
import io.helio.platform.api.model.RuleDefinition;
import io.helio.platform.api.model.RuleDryRun;
import io.helio.platform.api.model.RuleDryRunResult;
import io.helio.platform.api.model.RulePage;
import io.helio.platform.api.model.RuleTransition;
import io.helio.platform.model.ProductKey;
import io.helio.platform.query.QueryTimes;
import io.helio.platform.tenancy.CurrentTenant;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
class RuleController implements RulesApi {

    private final RuleService rules;
    private final R2dbcRuleRepository repository;
    private final RuleReplay dryRuns;
    private final JsonMapper json;
    private final Clock clock;

    RuleController(
            RuleService rules, R2dbcRuleRepository repository, RuleReplay dryRuns, JsonMapper json, Clock clock) {
        this.rules = rules;
        this.repository = repository;
        this.dryRuns = dryRuns;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<Rule>> createRule(Mono<RuleCreate> body, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(body)
                .flatMap(request -> rules.create(rule(
                        request.getT1(),
                        request.getT2().getRuleId(),
                        // a creation is a definition with the rule's id beside it
                        json.convertValue(request.getT2(), RuleDefinition.class))))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(RuleMapping.toApi(created)));
    }

    @Override
    public Mono<ResponseEntity<Rule>> updateRule(String ruleId, Mono<RuleDefinition> body, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(body)
                .flatMap(request -> rules.update(rule(request.getT1(), ruleId, request.getT2())))
                .map(updated -> ResponseEntity.ok(RuleMapping.toApi(updated)));
    }

    @Override
    public Mono<ResponseEntity<Void>> validateRule(Mono<RuleDefinition> body, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(body)
                .flatMap(request -> rules.validated(rule(request.getT1(), "validate", request.getT2())))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Override
    public Mono<ResponseEntity<RuleDryRunResult>> dryRunRule(Mono<RuleDryRun> body, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(body)
                .flatMap(request -> {
                    RuleDryRun run = request.getT2();
                    Instant start = QueryTimes.parse("start", run.getStart());
                    Instant end = QueryTimes.parse("end", run.getEnd());
                    QueryTimes.requireOrdered(start, end);
                    return dryRuns.run(rule(request.getT1(), "dry_run", run.getRule()), start, end);
                })
                .map(result -> ResponseEntity.ok(new RuleDryRunResult(
                        result.transitions().stream()
                                .map(transition -> new RuleTransition(
                                        transition.device().value(),
                                        RuleTransition.ChangeEnum.fromValue(transition.change()),
                                        transition.time().atOffset(ZoneOffset.UTC),
                                        transition.time().toEpochMilli(),
                                        transition.values()))
                                .toList(),
                        result.recordsRead(),
                        result.truncated())));
    }

    @Override
    public Mono<ResponseEntity<Rule>> getRule(String ruleId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> rules.get(tenant, ruleId))
                .map(rule -> ResponseEntity.ok(RuleMapping.toApi(rule)));
    }

    @Override
    public Mono<ResponseEntity<RulePage>> listRules(
            @Nullable String productKey, Integer limit, @Nullable String cursor, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant ->
                        repository.list(tenant, productKey == null ? null : ProductKey.of(productKey), limit, cursor))
                .map(page -> ResponseEntity.ok(new RulePage(
                                page.rules().stream().map(RuleMapping::toApi).toList())
                        .nextCursor(page.nextCursor())));
    }

    @Override
    public Mono<ResponseEntity<Rule>> enableRule(String ruleId, ServerWebExchange exchange) {
        return enabled(ruleId, true);
    }

    @Override
    public Mono<ResponseEntity<Rule>> disableRule(String ruleId, ServerWebExchange exchange) {
        return enabled(ruleId, false);
    }

    @Override
    public Mono<ResponseEntity<Void>> deleteRule(String ruleId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> rules.delete(tenant, ruleId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<ResponseEntity<Rule>> enabled(String ruleId, boolean enabled) {
        return CurrentTenant.get()
                .flatMap((TenantId tenant) -> rules.setEnabled(tenant, ruleId, enabled))
                .map(rule -> ResponseEntity.ok(RuleMapping.toApi(rule)));
    }

    private AlertRule rule(TenantId tenant, String ruleId, RuleDefinition definition) {
        return RuleMapping.toRule(tenant, ruleId, definition, clock.instant());
    }
}
