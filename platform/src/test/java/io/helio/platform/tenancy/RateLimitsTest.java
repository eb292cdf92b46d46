package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final TenantId TENANT = TenantId.of("tratelimits00001");
    private static final TenantId OTHER = TenantId.of("tratelimits00002");

    @Test
    void aTenantsBucketHoldsItsRateAndAChangedQuotaTakesEffectAtOnce() {
        RateLimits limits = new RateLimits();

        assertThat(limits.take(TENANT, 1_000, 1_000)).isZero();
        assertThat(limits.take(TENANT, 1_000, 500)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(limits.take(OTHER, 1_000, 1_000))
                .as("another tenant's bucket")
                .isZero();

        assertThat(limits.take(TENANT, 5_000, 5_000))
                .as("a raised quota: a new, full bucket")
                .isZero();
        assertThat(limits.take(TENANT, 5_000, 5_000)).isPositive();
    }
}
