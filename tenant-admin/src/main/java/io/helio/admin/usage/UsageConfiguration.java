package io.helio.admin.usage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    @Bean
    UsageRepository usageRepository(JdbcClient jdbc, JdbcOperations batches) {
        return new UsageRepository(jdbc, batches);
    }
}
