package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ProductModel;
import io.helio.platform.model.ThingModel;
import io.helio.platform.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks what a time-series request names before anything reaches InfluxDB: the product and every
 * device must be the caller's tenant's (another tenant's answer 404 like missing ones), every point
 * must be in the product's model, and devices × points within EnOS's limit. Served from the device
 * directory's cache, so a repeated query costs no database round trip.
 */
class SeriesResolver {

    /** Devices × points, as EnOS limits them. */
    static final int MAX_SERIES = 3_000;

    /** Devices × points × records (or buckets) in one answer, as EnOS limits them. */
    static final int MAX_VALUES = 640_000;

    private static final int LOOKUPS_IN_FLIGHT = 16;

    private final DeviceDirectory directory;

    SeriesResolver(DeviceDirectory directory) {
        this.directory = directory;
    }

    Mono<Series> resolve(TenantId tenant, String productKey, List<String> deviceKeys, List<String> points) {
        List<String> distinctDevices = deviceKeys.stream().distinct().toList();
        List<String> distinctPoints = points.stream().distinct().toList();
        requireWithinLimits(distinctDevices.size(), distinctPoints.size(), 1, "record");
        return product(tenant, productKey)
                .flatMap(found -> devices(tenant, found.product().key(), distinctDevices)
                        .map(devices -> new Series(
                                tenant,
                                found.product().key(),
                                found.model(),
                                devices,
                                measurePoints(found.model(), distinctPoints))));
    }

    /** The product and its model, if it is the tenant's. */
    Mono<ProductModel> product(TenantId tenant, String productKey) {
        ProductKey product = ProductKey.of(productKey);
        return directory
                .productModel(product)
                .filter(found -> found.product().tenant().equals(tenant))
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(PlatformError.PRODUCT_NOT_FOUND, "no product '" + productKey + "'")));
    }

    Mono<List<DeviceKey>> devices(TenantId tenant, ProductKey product, List<String> deviceKeys) {
        return Flux.fromIterable(deviceKeys)
                .flatMapSequential(
                        key -> directory
                                .credentials(product, DeviceKey.of(key))
                                .filter(device -> device.tenant().equals(tenant))
                                .map(device -> device.device())
                                .switchIfEmpty(Mono.error(() -> new ApiException(
                                        PlatformError.DEVICE_NOT_FOUND,
                                        "product '" + product + "' has no device '" + key + "'"))),
                        LOOKUPS_IN_FLIGHT)
                .collectList();
    }

    private static Map<String, MeasurePoint> measurePoints(ThingModel model, List<String> points) {
        Map<String, MeasurePoint> typed = new LinkedHashMap<>();
        for (String point : points) {
            typed.put(
                    point,
                    model.measurePoint(point)
                            .orElseThrow(() -> new ApiException(
                                    PlatformError.UNKNOWN_MEASURE_POINT,
                                    "thing model '" + model.id() + "' has no measure point '" + point + "'")));
        }
        return typed;
    }

    /**
     * Refuses more than {@link #MAX_SERIES} devices × points, and answers of more than
     * {@link #MAX_VALUES} values: devices × points × {@code perSeries} ({@code what}: records, buckets).
     */
    static void requireWithinLimits(long devices, long points, long perSeries, String what) {
        long series = devices * points;
        if (series > MAX_SERIES) {
            throw new ApiException(
                    PlatformError.QUERY_TOO_LARGE,
                    "devices × points is " + series + "; at most " + MAX_SERIES + " may be asked for at once");
        }
        long values = series * perSeries;
        if (values > MAX_VALUES) {
            throw new ApiException(
                    PlatformError.QUERY_TOO_LARGE,
                    "devices × points × " + what + " is " + values + "; at most " + MAX_VALUES + " may be asked for");
        }
    }
}
