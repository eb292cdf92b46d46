package io.helio.platform.tenancy;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import io.helio.platform.cache.RefreshAheadCache;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.HelioApiException;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantStatus;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether a tenant is suspended or deleted and what its quotas are, as tenant-admin says, cached for
 * {@code ttl}: a tenant in use is read again in the background once its entry is half that old, so
 * its requests do not wait for tenant-admin, and no entry older than {@code ttl} is ever served. A
 * tenant tenant-admin no longer knows has been deleted: its data here is purged. The admin client is
 * blocking, so it runs on the bounded elastic scheduler. When tenant-admin cannot be reached and
 * nothing is cached, the tenant counts as active and unlimited: the data plane keeps serving through
 * a control-plane outage (the outage is logged).
 */
public class TenantStatuses {

    private static final Logger log = LoggerFactory.getLogger(TenantStatuses.class);

    private final Supplier<HelioAdminClient> admin;
    private final TenantDataPurge purge;
    private final AsyncLoadingCache<TenantId, TenantState> states;

    public TenantStatuses(Supplier<HelioAdminClient> admin, TenantDataPurge purge, Duration ttl) {
        this.admin = admin;
        this.purge = purge;
        this.states = RefreshAheadCache.of(
                ttl, 100_000, (tenant, executor) -> read(tenant).toFuture());
    }

    /** Whether the tenant is suspended or deleted: its applications and devices are turned away. */
    public Mono<Boolean> isRefused(TenantId tenant) {
        return state(tenant).map(TenantState::refused);
    }

    public Mono<TenantState> state(TenantId tenant) {
        return Mono.fromFuture(() -> states.get(tenant));
    }

    private Mono<TenantState> read(TenantId tenant) {
        return Mono.fromCallable(() -> {
                    Tenant found = admin.get().tenants().getTenant(tenant.value());
                    return new TenantState(
                            found.getStatus() == TenantStatus.SUSPENDED,
                            false,
                            found.getQuotas().getDevices(),
                            found.getQuotas().getConnectedDevices(),
                            found.getQuotas().getApiRequestsPerSecond(),
                            found.getQuotas().getMessagesPerSecond(),
                            found.getQuotas().getPointsPerSecond());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(
                        HelioApiException.NotFound.class,
                        gone -> purge.purge(tenant)
                                .doOnSuccess(done -> log.info(
                                        "tenant {} was deleted in tenant-admin; its data here is removed", tenant))
                                .thenReturn(TenantState.DELETED))
                .onErrorResume(failure -> {
                    log.warn(
                            "cannot read tenant {} from tenant-admin; serving it as active, without limits",
                            tenant,
                            failure);
                    return Mono.just(TenantState.UNKNOWN);
                });
    }
}
