package io.helio.platform.query;

import io.helio.platform.api.TimeSeriesApi;
import io.helio.platform.api.model.RawDataPage;
import io.helio.platform.api.model.RawDataRecord;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.CurrentTenant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class RawDataController implements TimeSeriesApi {

    private static final int DEFAULT_LIMIT = 1000;

    private final RawDataService rawData;

    public RawDataController(RawDataService rawData) {
        this.rawData = rawData;
    }

    @Override
    public Mono<ResponseEntity<RawDataPage>> queryRawData(
            String productKey,
            List<String> deviceKey,
            List<String> point,
            OffsetDateTime start,
            OffsetDateTime end,
            @Nullable Integer limit,
            ServerWebExchange exchange) {
        ProductKey product = ProductKey.of(productKey);
        return CurrentTenant.get()
                .flatMapMany(tenant -> rawData.query(
                        tenant,
                        product,
                        deviceKey.stream().map(DeviceKey::of).toList(),
                        point,
                        start.toInstant(),
                        end.toInstant(),
                        limit == null ? DEFAULT_LIMIT : limit))
                .map(record -> new RawDataRecord(
                        productKey, record.device().value(), record.time().atOffset(ZoneOffset.UTC), record.values()))
                .collectList()
                .map(items -> ResponseEntity.ok(new RawDataPage(items)));
    }
}
