package io.helio.platform.rules;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Which alerts are asked for: every filter that is not null applies. */
record AlertSearch(
        @Nullable String ruleId,
        @Nullable String productKey,
        @Nullable String deviceKey,
        @Nullable String severity,
        @Nullable String state,
        RuleScope.@Nullable AssetSubtree subtree,
        @Nullable Instant openedAfter,
        @Nullable Instant openedBefore) {}
