package io.helio.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(30);

    @Test
    void withoutADelayAConditionFiresAtOnceAndClearsAtOnce() {
        ConditionState firing = ConditionState.IDLE.next(true, T0, Duration.ZERO);
        assertThat(firing.firing()).isTrue();
        assertThat(firing.next(true, T0.plusSeconds(1), Duration.ZERO)).isEqualTo(firing);
        assertThat(firing.next(false, T0.plusSeconds(2), Duration.ZERO)).isEqualTo(ConditionState.IDLE);
    }

    @Test
    void withADelayItFiresOnlyOnceItHasHeldThatLongWithoutABreak() {
        ConditionState pending = ConditionState.IDLE.next(true, T0, DELAY);
        assertThat(pending.phase()).isEqualTo(ConditionState.Phase.PENDING);
        assertThat(pending.next(true, T0.plusSeconds(29), DELAY)).isEqualTo(pending);
        assertThat(pending.next(true, T0.plusSeconds(30), DELAY).firing()).isTrue();

        // a single value for which it does not hold starts the wait again
        ConditionState broken = pending.next(false, T0.plusSeconds(10), DELAY);
        assertThat(broken).isEqualTo(ConditionState.IDLE);
        ConditionState again = broken.next(true, T0.plusSeconds(20), DELAY);
        assertThat(again.next(true, T0.plusSeconds(40), DELAY).firing()).isFalse();
        assertThat(again.next(true, T0.plusSeconds(50), DELAY).firing()).isTrue();
    }
}
