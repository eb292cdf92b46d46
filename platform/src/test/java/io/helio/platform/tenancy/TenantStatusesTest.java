package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * A tenant's status is read again in the background while the tenant is in use, so that its requests
 * do not wait for tenant-admin (WireMock here, answering slowly on purpose); none older than the
 * time to live is ever served.
 */
@PlatformTest
class TenantStatusesTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    /** Slow, yet answered well within half the time to live, when the entry is read again. */
    private static final Duration SLOW_ANSWER = Duration.ofMillis(600);

    @Autowired
    TenantAdminConnection tenantAdmin;

    @Test
    void aTenantInUseIsReadAgainWithoutItsRequestsWaiting() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        TenantStatuses statuses = statusesHolding(tenant);
        PlatformTestEnvironment.setSuspended(tenant, true, SLOW_ANSWER);

        // in use across one and a half times its time to live, while tenant-admin answers slowly
        Duration slowest = Duration.ZERO;
        boolean lastSeen = false;
        long until = System.nanoTime() + TTL.multipliedBy(3).dividedBy(2).toNanos();
        while (System.nanoTime() < until) {
            Read read = read(statuses, tenant);
            lastSeen = read.suspended();
            slowest = read.took().compareTo(slowest) > 0 ? read.took() : slowest;
            Thread.sleep(50);
        }

        assertThat(slowest).as("no request waited for tenant-admin").isLessThan(SLOW_ANSWER.dividedBy(2));
        assertThat(lastSeen).as("the new status was read meanwhile").isTrue();
    }

    @Test
    void noStatusOlderThanItsTimeToLiveIsServed() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        TenantStatuses statuses = statusesHolding(tenant);

        // unused for longer than its time to live, while tenant-admin (slowly) suspends it
        PlatformTestEnvironment.setSuspended(tenant, true, SLOW_ANSWER);
        Thread.sleep(TTL.plusMillis(200).toMillis());

        Read read = read(statuses, tenant);
        assertThat(read.suspended()).as("the expired entry is not served").isTrue();
        assertThat(read.took())
                .as("the request waited for tenant-admin's answer")
                .isGreaterThanOrEqualTo(SLOW_ANSWER);
    }

    /** Statuses with the tenant's (active) status cached. */
    private TenantStatuses statusesHolding(String tenant) {
        TenantStatuses statuses = new TenantStatuses(tenantAdmin, purged -> Mono.empty(), TTL);
        assertThat(read(statuses, tenant).suspended()).isFalse();
        return statuses;
    }

    /** Whether the tenant counts as suspended, and how long the answer took. */
    private record Read(boolean suspended, Duration took) {}

    private static Read read(TenantStatuses statuses, String tenant) {
        long started = System.nanoTime();
        boolean suspended = statuses.state(TenantId.of(tenant))
                .block(Duration.ofSeconds(10))
                .suspended();
        return new Read(suspended, Duration.ofNanos(System.nanoTime() - started));
    }
}
