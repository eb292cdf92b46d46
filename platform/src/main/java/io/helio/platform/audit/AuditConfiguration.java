package io.helio.platform.audit;

import io.helio.platform.lifecycle.PeriodicTask;
import io.helio.platform.tenancy.TenantAdminConnection;
import io.helio.platform.tenancy.TenantScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditOutbox auditOutbox(DatabaseClient db, TenantScope scope) {
        return new AuditOutbox(db, scope);
    }

    /** Ships the outbox every period, and once more as the platform stops. */
    @Bean
    PeriodicTask auditShipping(AuditOutbox outbox, TenantAdminConnection tenantAdmin, AuditProperties audit) {
        return new PeriodicTask(
                "audit-shipper", audit.shipEvery(), new AuditShipper(outbox, tenantAdmin)::shipAll, true);
    }
}
