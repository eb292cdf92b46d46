package io.helio.platform.tenancy;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The device door's share of a tenant's quotas: messages and points a second, each a token bucket
 * per tenant, so that one tenant over its quota is turned away without slowing any other.
 */
public final class DeviceRateLimits {

    private final TenantStatuses statuses;
    private final RateLimits messages = new RateLimits();
    private final RateLimits points = new RateLimits();

    public DeviceRateLimits(TenantStatuses statuses) {
        this.statuses = statuses;
    }

    /** Completes if one more message of the tenant may go ahead; fails with why not otherwise. */
    public Mono<Void> admitMessage(TenantId tenant) {
        return statuses.state(tenant)
                .flatMap(state -> admit(
                        messages.take(tenant, state.messagesPerSecond(), 1),
                        "the tenant's rate of " + state.messagesPerSecond() + " messages a second is exceeded"));
    }

    /** Completes if {@code count} more points of the tenant may be stored; fails with why not otherwise. */
    public Mono<Void> admitPoints(TenantId tenant, int count) {
        return statuses.state(tenant)
                .flatMap(state -> admit(
                        points.take(tenant, state.pointsPerSecond(), count),
                        "the tenant's rate of " + state.pointsPerSecond() + " points a second is exceeded"));
    }

    private static Mono<Void> admit(Duration wait, String why) {
        return wait.isZero()
                ? Mono.empty()
                : Mono.error(new DeviceRateExceededException(
                        why + "; nothing was stored, retry in " + Math.max(1, wait.toMillis()) + " ms"));
    }
}
