package io.helio.platform.tenancy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
public class TenancyConfiguration {

    @Bean
    DeviceRateLimits deviceRateLimits(TenantStatuses statuses) {
        return new DeviceRateLimits(statuses);
    }

    @Bean
    TenantScope tenantScope(DatabaseClient db, ReactiveTransactionManager transactions) {
        return new TenantScope(db, TransactionalOperator.create(transactions));
    }
}
