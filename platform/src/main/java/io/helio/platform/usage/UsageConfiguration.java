package io.helio.platform.usage;

import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.tenancy.TenantAdminConnection;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    @Bean
    UsageMeter usageMeter() {
        return new UsageMeter();
    }

    @Bean
    UsageReporter usageReporter(
            UsageMeter meter,
            R2dbcDeviceRepository devices,
            TenantAdminConnection tenantAdmin,
            Clock clock,
            UsageProperties properties) {
        return new UsageReporter(meter, devices, tenantAdmin, clock, properties);
    }
}
