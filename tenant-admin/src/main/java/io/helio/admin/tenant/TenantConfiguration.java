package io.helio.admin.tenant;

import io.helio.admin.application.ApplicationRepository;
import io.helio.admin.application.ApplicationService;
import io.helio.admin.auth.AuthProperties;
import io.helio.admin.provisioning.InfluxProperties;
import io.helio.admin.provisioning.InfluxTimeSeriesProvisioner;
import io.helio.admin.provisioning.Rollup;
import io.helio.admin.provisioning.TimeSeriesProvisioner;
import io.helio.admin.provisioning.TimeSeriesUpgrade;
import java.time.Clock;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires tenants, their applications and their provisioning. */
@Configuration(proxyBeanMethods = false)
public class TenantConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean(destroyMethod = "close")
    InfluxDB influxAdmin(InfluxProperties influx) {
        return influx.authenticated()
                ? InfluxDBFactory.connect(influx.url(), influx.username(), influx.password())
                : InfluxDBFactory.connect(influx.url());
    }

    @Bean
    TimeSeriesProvisioner timeSeriesProvisioner(InfluxDB influxAdmin, InfluxProperties influx) {
        return new InfluxTimeSeriesProvisioner(
                influxAdmin, Map.of(Rollup.MINUTE, influx.minuteRollupDays(), Rollup.HOUR, influx.hourRollupDays()));
    }

    @Bean
    TimeSeriesUpgrade timeSeriesUpgrade(TimeSeriesProvisioner provisioner) {
        return new TimeSeriesUpgrade(provisioner);
    }

    @Bean
    TenantService tenantService(
            JdbcClient jdbc, TimeSeriesProvisioner provisioner, TransactionTemplate transactions, Clock clock) {
        return new TenantService(new TenantRepository(jdbc), provisioner, transactions, clock);
    }

    @Bean
    ApplicationService applicationService(
            TenantService tenants,
            JdbcClient jdbc,
            RegisteredClientRepository clients,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            AuthProperties auth,
            Clock clock) {
        return new ApplicationService(
                tenants,
                new ApplicationRepository(jdbc),
                clients,
                passwords,
                transactions,
                auth.accessTokenTtl(),
                clock);
    }
}
