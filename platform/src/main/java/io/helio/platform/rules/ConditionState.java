package io.helio.platform.rules;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a rule's condition stands for one device: not holding, holding for less than the rule's
 * delay (since when), or firing — its alert is open.
 */
record ConditionState(Phase phase, @Nullable Instant since) {

    enum Phase {
        IDLE,
        PENDING,
        FIRING
    }

    static final ConditionState IDLE = new ConditionState(Phase.IDLE, null);
    static final ConditionState FIRING = new ConditionState(Phase.FIRING, null);

    /** The state after a value for which the condition holds, or not, at {@code now}. */
    ConditionState next(boolean holds, Instant now, Duration delay) {
        if (!holds) {
            return IDLE;
        }
        return switch (phase) {
            case FIRING -> this;
            case IDLE -> delay.isZero() ? FIRING : new ConditionState(Phase.PENDING, now);
            case PENDING -> now.isBefore(since.plus(delay)) ? this : FIRING;
        };
    }

    boolean firing() {
        return phase == Phase.FIRING;
    }
}
