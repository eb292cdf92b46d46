package io.helio.admin.user;

import io.helio.admin.auth.ConsoleClientProperties;
import io.helio.admin.auth.OperatorProperties;
import io.helio.admin.tenant.TenantService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires users, their login and the operator's own login. */
@Configuration(proxyBeanMethods = false)
public class UserConfiguration {

    @Bean
    UserRepository userRepository(JdbcClient jdbc) {
        return new UserRepository(jdbc);
    }

    @Bean
    UserService userService(
            TenantService tenants,
            UserRepository users,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            Clock clock) {
        return new UserService(tenants, users, passwords, transactions, ConsoleClientProperties.CLIENT_ID, clock);
    }

    @Bean
    UserAccounts userAccounts(UserRepository users) {
        return new UserAccounts(users);
    }

    @Bean
    OperatorLoginBootstrap operatorLoginBootstrap(
            OperatorProperties operator, UserRepository users, PasswordEncoder passwords, Clock clock) {
        return new OperatorLoginBootstrap(operator, users, passwords, clock);
    }
}
