package io.helio.platform.usage;

import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.tenancy.TenantAdminConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    @Bean
    UsageMeter usageMeter(MeterRegistry registry) {
        return new UsageMeter(registry);
    }

    @Bean
    PeriodicTask usageReporting(
            UsageMeter meter,
            R2dbcDeviceRepository devices,
            TenantAdminConnection tenantAdmin,
            Clock clock,
            UsageProperties properties) {
        UsageReporter reporter = new UsageReporter(meter, devices, tenantAdmin, clock);
        return new PeriodicTask("usage-reporter", properties.reportEvery(), reporter::reportSafely, false);
    }
}
