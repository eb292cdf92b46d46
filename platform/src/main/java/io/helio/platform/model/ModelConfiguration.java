package io.helio.platform.model;

import io.helio.platform.tenancy.TenantDataPurge;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.tenancy.TenantStatuses;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires thing models, products and devices. */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    R2dbcThingModelRepository thingModelRepository(DatabaseClient db, TenantScope scope, JsonMapper json) {
        return new R2dbcThingModelRepository(db, scope, json);
    }

    @Bean
    SecretCipher secretCipher(ModelProperties properties) {
        return new SecretCipher(Base64.getDecoder().decode(properties.secretKey()));
    }

    @Bean
    R2dbcProductRepository productRepository(DatabaseClient db, TenantScope scope, SecretCipher secretCipher) {
        return new R2dbcProductRepository(db, scope, secretCipher);
    }

    @Bean
    R2dbcDeviceRepository deviceRepository(
            DatabaseClient db, TenantScope scope, SecretCipher secretCipher, JsonMapper json) {
        return new R2dbcDeviceRepository(db, scope, secretCipher, json);
    }

    @Bean
    TenantDataPurge tenantDataPurge(DatabaseClient db, TenantScope scope, DirectoryChangeSignal changes) {
        return new R2dbcTenantDataPurge(db, scope, changes);
    }

    @Bean
    DirectoryChangeSignal directoryChangeSignal(
            ConnectionFactory connections, DatabaseClient db, DeviceDirectory directory) {
        return new DirectoryChangeSignal(connections, db, directory::forgetAll);
    }

    @Bean
    ThingModelService thingModelService(
            R2dbcThingModelRepository models,
            DirectoryChangeSignal changes,
            List<ModelDependants> dependants,
            Clock clock) {
        return new ThingModelService(models, changes, dependants, clock);
    }

    @Bean
    ProductService productService(R2dbcProductRepository products, ThingModelService models, Clock clock) {
        return new ProductService(products, models, clock);
    }

    @Bean
    DeviceService deviceService(
            R2dbcDeviceRepository devices,
            ProductService products,
            ThingModelService models,
            JsonMapper json,
            DeviceSessions sessions,
            DirectoryChangeSignal changes,
            TenantStatuses tenants,
            Clock clock) {
        return new DeviceService(
                devices, products, models, new AttributeValues(json), sessions, changes, tenants, clock);
    }

    @Bean
    TopologyService topologyService(
            DatabaseClient db,
            TenantScope scope,
            DeviceService devices,
            ProductService products,
            DeviceSessions sessions,
            Clock clock) {
        return new TopologyService(new R2dbcTopologyRepository(db, scope), devices, products, sessions, clock);
    }

    @Bean
    DeviceDirectory deviceDirectory(
            R2dbcDeviceRepository devices,
            R2dbcProductRepository products,
            R2dbcThingModelRepository models,
            ModelProperties properties) {
        return new DeviceDirectory(devices, products, models, properties.cacheTtl(), properties.cacheSize());
    }
}
