package io.helio.platform.model.certificate;

import io.helio.platform.model.DeviceService;
import io.helio.platform.model.DeviceSessions;
import io.helio.platform.model.DirectoryChangeSignal;
import io.helio.platform.tenancy.TenantScope;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
public class DeviceCertificateConfiguration {

    @Bean
    DeviceCertificateService deviceCertificateService(
            DatabaseClient db,
            TenantScope scope,
            DeviceService devices,
            DeviceSessions sessions,
            DirectoryChangeSignal changes,
            Clock clock) {
        return new DeviceCertificateService(
                new R2dbcDeviceCertificateRepository(db, scope), devices, sessions, changes, clock);
    }
}
