package io.helio.platform.tenancy;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.model.Tenant;
import io.helio.sdk.admin.model.TenantStatus;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether a tenant is suspended and what its quotas are, as tenant-admin says, cached for {@code ttl}. The admin client is
 * blocking, so it runs on the bounded elastic scheduler. When tenant-admin cannot be reached and
 * nothing is cached, the tenant counts as active and unlimited: the data plane keeps serving through
 * a control-plane outage (the outage is logged).
 */
public class TenantStatuses {

    private static final Logger log = LoggerFactory.getLogger(TenantStatuses.class);

    private final Supplier<HelioAdminClient> admin;
    private final AsyncCache<TenantId, TenantState> states;
    private volatile HelioAdminClient client;

    public TenantStatuses(Supplier<HelioAdminClient> admin, Duration ttl) {
        this.admin = admin;
        this.states =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).buildAsync();
    }

    public Mono<Boolean> isSuspended(TenantId tenant) {
        return state(tenant).map(TenantState::suspended);
    }

    public Mono<TenantState> state(TenantId tenant) {
        return Mono.fromFuture(() -> states.get(tenant, (id, executor) -> read(id).toFuture()));
    }

    private Mono<TenantState> read(TenantId tenant) {
        return Mono.fromCallable(() -> {
                    Tenant found = client().tenants().getTenant(tenant.value());
                    return new TenantState(
                            found.getStatus() == TenantStatus.SUSPENDED,
                            found.getQuotas().getDevices(),
                            found.getQuotas().getApiRequestsPerSecond());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(failure -> {
                    log.warn(
                            "cannot read tenant {} from tenant-admin; serving it as active, without limits",
                            tenant,
                            failure);
                    return Mono.just(TenantState.UNKNOWN);
                });
    }

    /** Connected on first use: tenant-admin may start after the platform. */
    private HelioAdminClient client() {
        HelioAdminClient connected = client;
        if (connected == null) {
            connected = admin.get();
            client = connected;
        }
        return connected;
    }
}
