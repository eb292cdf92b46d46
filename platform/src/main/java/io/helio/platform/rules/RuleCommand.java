package io.helio.platform.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A command a rule sends to the device when its alert opens or recovers: a service invocation, or a
 * measure-point set when no service is named.
 */
record RuleCommand(String when, @Nullable String serviceId, Map<String, Object> params) {

    static final String OPENED = "OPENED";
    static final String RECOVERED = "RECOVERED";

    RuleCommand {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
