package io.helio.platform.query;

import io.helio.platform.model.DeviceService;
import io.helio.platform.model.ProductService;
import io.helio.platform.model.ThingModelService;
import io.helio.platform.timeseries.InfluxRawDataReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

    @Bean
    RawDataService rawDataService(
            ProductService products, ThingModelService models, DeviceService devices, InfluxRawDataReader reader) {
        return new RawDataService(products, models, devices, reader);
    }
}
