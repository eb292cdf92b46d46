package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.ThingModel;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.InfluxRawDataReader;
import io.helio.platform.timeseries.RawDataQuery;
import io.helio.platform.timeseries.RawRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers raw data queries within the caller's tenant: the product and every device must be the
 * tenant's, and every point must be in the product's model, before anything reaches InfluxDB.
 */
public class RawDataService {

    private final ProductService products;
    private final ThingModelService models;
    private final DeviceService devices;
    private final InfluxRawDataReader reader;

    public RawDataService(
            ProductService products, ThingModelService models, DeviceService devices, InfluxRawDataReader reader) {
        this.products = products;
        this.models = models;
        this.devices = devices;
        this.reader = reader;
    }

    public Flux<RawRecord> query(
            TenantId tenant,
            ProductKey product,
            List<DeviceKey> deviceKeys,
            List<String> points,
            Instant start,
            Instant end,
            int limit) {
        if (!start.isBefore(end)) {
            return Flux.error(
                    new ApiException(PlatformError.INVALID_TIME_RANGE, "start " + start + " is not before end " + end));
        }
        return products.get(tenant, product)
                .flatMap(found -> models.get(tenant, found.model()))
                .flatMap(model -> Flux.fromIterable(
                                deviceKeys.stream().distinct().toList())
                        .concatMap(device -> devices.get(tenant, product, device))
                        .then(Mono.fromCallable(() -> typedPoints(model, points))))
                .flatMapMany(typed -> reader.read(new RawDataQuery(
                        tenant, product, deviceKeys.stream().distinct().toList(), typed, start, end, limit)));
    }

    private static Map<String, MeasurePoint> typedPoints(ThingModel model, List<String> points) {
        Map<String, MeasurePoint> typed = new LinkedHashMap<>();
        for (String point : points) {
            MeasurePoint definition = model.measurePoint(point)
                    .orElseThrow(() -> new ApiException(
                            PlatformError.UNKNOWN_MEASURE_POINT,
                            "thing model '" + model.id() + "' has no measure point '" + point + "'"));
            typed.put(point, definition);
        }
        return typed;
    }
}
