package io.helio.platform.model.asset;

import io.helio.platform.model.AttributeValues;
import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.tenancy.TenantScope;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class AssetTreeConfiguration {

    @Bean
    AssetTreeService assetTreeService(
            DatabaseClient db,
            TenantScope scope,
            JsonMapper json,
            DeviceService devices,
            ThingModelService models,
            Clock clock) {
        return new AssetTreeService(
                new R2dbcAssetTreeRepository(db, scope, json), devices, models, new AttributeValues(json), clock);
    }
}
