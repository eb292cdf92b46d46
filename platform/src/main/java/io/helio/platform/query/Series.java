package io.helio.platform.query;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingModel;
import io.helio.platform.tenancy.TenantId;
import java.util.List;
import java.util.Map;

/** What a time-series request names, checked to be the caller's: a product, its model, devices and points. */
record Series(
        TenantId tenant,
        ProductKey product,
        ThingModel model,
        List<DeviceKey> devices,
        Map<String, MeasurePoint> points) {}
