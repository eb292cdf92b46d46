package io.helio.platform.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class LiveFeedTest {

    private static final TenantId TENANT = TenantId.of("tlive00000000001");
    private static final TenantId OTHER = TenantId.of("tlive00000000002");
    private static final ProductKey PRODUCT = ProductKey.of("prod1");
    private static final DeviceKey DEVICE = DeviceKey.of("d1");

    @Test
    void aSlowSubscriberLosesNewEventsBeyondItsBufferAndIsToldHowMany() {
        LiveFeed feed = new LiveFeed();
        int published = LiveFeed.BUFFERED_EVENTS + 500;

        StepVerifier.create(feed.subscribe(TENANT, PRODUCT, Set.of(DEVICE), Set.of("v")), 0)
                .then(() -> {
                    for (int i = 0; i < published; i++) {
                        feed.accepted(TENANT, List.of(sample(DEVICE, i)));
                    }
                })
                .thenRequest(LiveFeed.BUFFERED_EVENTS)
                .expectNextCount(LiveFeed.BUFFERED_EVENTS)
                .then(() -> feed.accepted(TENANT, List.of(sample(DEVICE, published))))
                .thenRequest(1)
                .assertNext(event -> {
                    assertThat(event.values()).containsEntry("v", (long) published);
                    assertThat(event.dropped()).isEqualTo(500);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(feed.openStreams()).isZero();
    }

    @Test
    void aStreamSeesOnlyItsTenantsDevicesAndPoints() {
        LiveFeed feed = new LiveFeed();

        StepVerifier.create(feed.subscribe(TENANT, PRODUCT, Set.of(DEVICE), Set.of("v")))
                .then(() -> {
                    feed.accepted(OTHER, List.of(sample(DEVICE, 1)));
                    feed.accepted(TENANT, List.of(sample(DeviceKey.of("d2"), 2)));
                    feed.accepted(
                            TENANT, List.of(new MeasurePointSample(PRODUCT, DEVICE, Instant.EPOCH, Map.of("w", 3L))));
                    feed.accepted(TENANT, List.of(sample(DEVICE, 4)));
                })
                .assertNext(event -> {
                    assertThat(event.values()).isEqualTo(Map.of("v", 4L));
                    assertThat(event.dropped()).isZero();
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    private static MeasurePointSample sample(DeviceKey device, long value) {
        return new MeasurePointSample(PRODUCT, device, Instant.ofEpochMilli(value), Map.of("v", value));
    }
}
