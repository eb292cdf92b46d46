package io.helio.admin.user;

import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.admin.tenant.TenantService;
import io.helio.errors.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's users. Passwords are generated here, returned once and stored only as hashes; people
 * log in with them at the authorization server.
 */
public class UserService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantService tenants;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final String loginClientId;
    private final Clock clock;

    public UserService(
            TenantService tenants,
            UserRepository users,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            String loginClientId,
            Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.passwords = passwords;
        this.transactions = transactions;
        this.loginClientId = loginClientId;
        this.clock = clock;
    }

    /** The new user with its first password, which is not kept. */
    public UserCredentials create(TenantId tenant, String username, Role role) {
        tenants.get(tenant);
        User user = new User(username, tenant, role, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String password = newPassword();
        try {
            users.insert(user, passwords.encode(password));
        } catch (DuplicateKeyException taken) {
            throw new ApiException(AdminError.USERNAME_TAKEN, "the username '" + username + "' is taken");
        }
        return new UserCredentials(user, password);
    }

    public List<User> list(TenantId tenant) {
        tenants.get(tenant);
        return users.findByTenant(tenant);
    }

    public User changeRole(TenantId tenant, String username, Role role) {
        get(tenant, username);
        users.updateRole(username, role);
        return get(tenant, username);
    }

    public String resetPassword(TenantId tenant, String username) {
        get(tenant, username);
        String password = newPassword();
        users.updatePassword(username, passwords.encode(password));
        return password;
    }

    public void delete(TenantId tenant, String username) {
        get(tenant, username);
        transactions.executeWithoutResult(status -> users.delete(username, loginClientId));
    }

    /** The tenant's user; another tenant's user is not found, just like a user that does not exist. */
    private User get(TenantId tenant, String username) {
        tenants.get(tenant);
        return users.find(tenant, username)
                .orElseThrow(() -> new ApiException(
                        AdminError.USER_NOT_FOUND, "no user '" + username + "' in tenant '" + tenant + "'"));
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
