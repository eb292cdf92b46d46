package io.helio.platform.rules;

import io.helio.platform.live.TenantStreams;
import io.helio.platform.tenancy.TenantId;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;

/** The tenant's alert changes, for its live streams only. */
class AlertFeed {

    private final TenantStreams<AlertChange> streams = new TenantStreams<>();

    void publish(TenantId tenant, String change, AlertRecord alert) {
        streams.publish(tenant, new AlertChange(change, alert));
    }

    Flux<TenantStreams.Delivered<AlertChange>> subscribe(TenantId tenant, Predicate<AlertRecord> wanted) {
        return streams.subscribe(tenant, change -> wanted.test(change.alert()));
    }
}
