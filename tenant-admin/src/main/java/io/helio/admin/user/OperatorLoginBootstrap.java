package io.helio.admin.user;

import io.helio.admin.auth.OperatorProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Gives the operator a login for people, if configuration names one (beside its client credentials). */
public class OperatorLoginBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorLoginBootstrap.class);

    private final OperatorProperties operator;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public OperatorLoginBootstrap(
            OperatorProperties operator, UserRepository users, PasswordEncoder passwords, Clock clock) {
        this.operator = operator;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!operator.hasLogin()) {
            return;
        }
        users.upsert(
                new User(operator.username(), null, Role.OPERATOR, clock.instant()),
                passwords.encode(operator.password()));
        log.info("operator login '{}' registered", operator.username());
    }
}
