package io.helio.platform.rules;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.platform.api.AlertsApi;
import io.helio.platform.api.model.Alert;
import io.helio.platform.api.model.AlertChange;
import io.helio.platform.api.model.AlertPage;
import io.helio.platform.api.model.AlertSeverity;
import io.helio.platform.api.model.AlertState;
import io.helio.platform.api.model.WebhookDeliveryList;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ProductService;
import io.helio.platform.tenancy.CurrentTenant;
import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class AlertController implements AlertsApi {

    private final R2dbcAlertRepository alerts;
    private final R2dbcWebhookDeliveries deliveries;
    private final AlertFeed feed;
    private final ProductService products;
    private final RuleService rules;
    private final Clock clock;

    AlertController(
            R2dbcAlertRepository alerts,
            R2dbcWebhookDeliveries deliveries,
            AlertFeed feed,
            ProductService products,
            RuleService rules,
            Clock clock) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.feed = feed;
        this.products = products;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<Alert>> getAlert(UUID alertId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> alerts.find(tenant, alertId))
                .switchIfEmpty(notFound(alertId))
                .map(alert -> ResponseEntity.ok(toApi(alert)));
    }

    @Override
    public Mono<ResponseEntity<AlertPage>> searchAlerts(
            @Nullable String ruleId,
            @Nullable String productKey,
            @Nullable String deviceKey,
            @Nullable AlertSeverity severity,
            @Nullable AlertState state,
            @Nullable String treeId,
            @Nullable String nodeId,
            @Nullable OffsetDateTime openedAfter,
            @Nullable OffsetDateTime openedBefore,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        AlertSearch search = new AlertSearch(
                ruleId,
                productKey,
                deviceKey,
                severity == null ? null : severity.getValue(),
                state == null ? null : state.getValue(),
                subtree(treeId, nodeId),
                openedAfter == null ? null : openedAfter.toInstant(),
                openedBefore == null ? null : openedBefore.toInstant());
        return CurrentTenant.get()
                .flatMap(tenant -> alerts.search(tenant, search, limit, cursor))
                .map(page -> ResponseEntity.ok(new AlertPage(page.alerts().stream()
                                .map(AlertController::toApi)
                                .toList())
                        .nextCursor(page.nextCursor())));
    }

    private static RuleScope.@Nullable AssetSubtree subtree(@Nullable String treeId, @Nullable String nodeId) {
        if ((treeId == null) != (nodeId == null)) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "treeId and nodeId go together");
        }
        return treeId == null ? null : new RuleScope.AssetSubtree(treeId, nodeId);
    }

    @Override
    public Mono<ResponseEntity<Alert>> acknowledgeAlert(UUID alertId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(caller())
                .flatMap(who -> alerts.acknowledge(who.getT1(), alertId, who.getT2(), clock.instant())
                        .map(marked -> published(who.getT1(), "ACKNOWLEDGED", marked)))
                .switchIfEmpty(notFound(alertId))
                .map(alert -> ResponseEntity.ok(toApi(alert)));
    }

    @Override
    public Mono<ResponseEntity<Alert>> closeAlert(UUID alertId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .zipWith(caller())
                .flatMap(who -> alerts.close(who.getT1(), alertId, who.getT2(), clock.instant())
                        .map(marked -> published(who.getT1(), "CLOSED", marked)))
                .switchIfEmpty(notFound(alertId))
                .map(alert -> ResponseEntity.ok(toApi(alert)));
    }

    /** The live stream hears of a mark once: when it was made, not when it is asked for again. */
    private AlertRecord published(TenantId tenant, String change, R2dbcAlertRepository.Marked marked) {
        if (marked.changed()) {
            feed.publish(tenant, change, marked.alert());
        }
        return marked.alert();
    }

    @Override
    public Mono<ResponseEntity<WebhookDeliveryList>> listAlertDeliveries(UUID alertId, ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> alerts.find(tenant, alertId)
                        .switchIfEmpty(notFound(alertId))
                        .then(deliveries.ofAlert(tenant, alertId)))
                .map(found -> ResponseEntity.ok(new WebhookDeliveryList(
                        found.stream().map(AlertController::toApi).toList())));
    }

    @Override
    public Mono<ResponseEntity<Flux<AlertChange>>> streamAlertChanges(
            @Nullable String productKey,
            @Nullable String ruleId,
            @Nullable AlertSeverity severity,
            ServerWebExchange exchange) {
        return CurrentTenant.get()
                .flatMap(tenant -> filtersExist(tenant, productKey, ruleId).thenReturn(tenant))
                .map(tenant -> ResponseEntity.ok(feed.subscribe(
                                tenant,
                                alert -> (productKey == null
                                                || alert.product().value().equals(productKey))
                                        && (ruleId == null || alert.ruleId().equals(ruleId))
                                        && (severity == null || alert.severity().equals(severity.getValue())))
                        .map(delivered -> new AlertChange(
                                AlertChange.ChangeEnum.fromValue(
                                        delivered.item().change()),
                                toApi(delivered.item().alert()),
                                delivered.droppedBefore()))));
    }

    /** A stream filtered by a product or rule the tenant does not have is refused, as a request for it would be. */
    private Mono<Void> filtersExist(TenantId tenant, @Nullable String productKey, @Nullable String ruleId) {
        Mono<Void> product = productKey == null
                ? Mono.empty()
                : products.get(tenant, ProductKey.of(productKey)).then();
        Mono<Void> rule =
                ruleId == null ? Mono.empty() : rules.get(tenant, ruleId).then();
        return product.then(rule);
    }

    /** Who acts: the token's subject (an application's client id, or a person). */
    private static Mono<String> caller() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication().getName());
    }

    private static Mono<AlertRecord> notFound(UUID alertId) {
        return Mono.error(() -> new ApiException(PlatformError.ALERT_NOT_FOUND, "no alert '" + alertId + "'"));
    }

    private static Alert toApi(AlertRecord alert) {
        return new Alert(
                        alert.alertId(),
                        alert.ruleId(),
                        alert.product().value(),
                        alert.device().value(),
                        AlertSeverity.fromValue(alert.severity()),
                        AlertState.fromValue(alert.state()),
                        alert.message(),
                        alert.values(),
                        utc(alert.openedAt()))
                .recoveredAt(utc(alert.recoveredAt()))
                .acknowledgedBy(alert.acknowledgedBy())
                .acknowledgedAt(utc(alert.acknowledgedAt()))
                .closedBy(alert.closedBy())
                .closedAt(utc(alert.closedAt()));
    }

    private static io.helio.platform.api.model.WebhookDelivery toApi(WebhookDelivery delivery) {
        return new io.helio.platform.api.model.WebhookDelivery(
                        delivery.deliveryId(),
                        io.helio.platform.api.model.WebhookDelivery.EventEnum.fromValue(delivery.event()),
                        delivery.url(),
                        io.helio.platform.api.model.WebhookDelivery.StatusEnum.fromValue(delivery.status()),
                        delivery.attempts())
                .lastStatusCode(delivery.lastStatusCode())
                .lastError(delivery.lastError())
                .lastAttemptAt(utc(delivery.lastAttemptAt()))
                .nextAttemptAt("PENDING".equals(delivery.status()) ? utc(delivery.nextAttemptAt()) : null)
                .deliveredAt(utc(delivery.deliveredAt()));
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }
}
