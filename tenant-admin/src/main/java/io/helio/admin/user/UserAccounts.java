package io.helio.admin.user;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The login's view of users. A user of a suspended tenant cannot log in; what a user may do is
 * decided when its token is issued, from its role.
 */
public class UserAccounts implements UserDetailsService {

    private final UserRepository users;

    public UserAccounts(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserRepository.Login login =
                users.findLogin(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return org.springframework.security.core.userdetails.User.withUsername(username)
                .password(login.passwordHash())
                .roles(login.user().role().name())
                .disabled(!login.enabled())
                .build();
    }
}
