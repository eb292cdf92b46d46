package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductModel;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What {@code thing.measurepoint.post.batch} carries, resolved: each entry with its device's model. */
public final class MeasurePointBatch {

    /** One entry of the batch: a device (with its product's model) and its {@code measurepoints} and {@code time}. */
    public record Entry(ProductModel target, DeviceKey device, JsonNode params) {}

    /** A point left out because it was invalid, and why. */
    public record Skipped(String productKey, String deviceKey, String point, String reason) {}

    /** How many entries were stored, and which points were left out. */
    public record Result(int stored, List<Skipped> skipped) {}

    private MeasurePointBatch() {}
}
