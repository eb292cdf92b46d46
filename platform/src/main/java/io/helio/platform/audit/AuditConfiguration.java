package io.helio.platform.audit;

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

    @Bean
    AuditShipper auditShipper(AuditOutbox outbox, TenantAdminConnection tenantAdmin, AuditProperties audit) {
        return new AuditShipper(outbox, tenantAdmin, audit);
    }
}
