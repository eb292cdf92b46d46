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
        TenantStatuses statuses = new TenantStatuses(tenantAdmin, purged -> Mono.empty(), TTL);
        assertThat(suspended(statuses, tenant)).isFalse();
        PlatformTestEnvironment.setSuspended(tenant, true, SLOW_ANSWER);

        // in use across one and a half times its time to live, while tenant-admin answers slowly
        Duration slowest = Duration.ZERO;
        boolean lastSeen = false;
        long until = System.nanoTime() + TTL.multipliedBy(3).dividedBy(2).toNanos();
        while (System.nanoTime() < until) {
            long started = System.nanoTime();
            lastSeen = suspended(statuses, tenant);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            Thread.sleep(50);
        }

        assertThat(slowest).as("no request waited for tenant-admin").isLessThan(SLOW_ANSWER.dividedBy(2));
        assertThat(lastSeen).as("the new status was read meanwhile").isTrue();
    }

    @Test
    void noStatusOlderThanItsTimeToLiveIsServed() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        TenantStatuses statuses = new TenantStatuses(tenantAdmin, purged -> Mono.empty(), TTL);
        assertThat(suspended(statuses, tenant)).isFalse();

        // unused for longer than its time to live, while tenant-admin (slowly) suspends it
        PlatformTestEnvironment.setSuspended(tenant, true, SLOW_ANSWER);
        Thread.sleep(TTL.plusMillis(200).toMillis());

        long started = System.nanoTime();
        boolean suspended = suspended(statuses, tenant);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(suspended).as("the expired entry is not served").isTrue();
        assertThat(took).as("the request waited for tenant-admin's answer").isGreaterThanOrEqualTo(SLOW_ANSWER);
    }

    private static boolean suspended(TenantStatuses statuses, String tenant) {
        return statuses.state(TenantId.of(tenant)).block(Duration.ofSeconds(10)).suspended();
    }
}
