package io.helio.admin.user;

import io.helio.admin.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users in PostgreSQL, with their password hashes (which never leave this class but to the login). */
public class UserRepository {

    /** A user as the login needs it: can the user log in at all (an active tenant, or an operator)? */
    public record Login(User user, String passwordHash, boolean enabled) {}

    private static final String COLUMNS = "u.username, u.tenant_id, u.role, u.created_at";
    private static final String INSERT =
            "INSERT INTO users (username, tenant_id, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(User user, String passwordHash) {
        jdbc.sql(INSERT).params(row(user, passwordHash)).update();
    }

    /** Creates or replaces a user that configuration names (the operator's own login). */
    public void upsert(User user, String passwordHash) {
        jdbc.sql(INSERT + " ON CONFLICT (username) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,"
                        + " role = EXCLUDED.role, password_hash = EXCLUDED.password_hash")
                .params(row(user, passwordHash))
                .update();
    }

    private static Object[] row(User user, String passwordHash) {
        return new Object[] {
            user.username(),
            user.tenant() == null ? null : user.tenant().value(),
            user.role().name(),
            passwordHash,
            Timestamp.from(user.createdAt())
        };
    }

    public Optional<User> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.username = ?")
                .param(username)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> find(TenantId tenant, String username) {
        return find(username).filter(user -> tenant.equals(user.tenant()));
    }

    public Optional<Login> findLogin(String username) {
        return jdbc.sql("SELECT " + COLUMNS + ", u.password_hash, (t.status IS NULL OR t.status = 'ACTIVE') AS enabled"
                        + " FROM users u LEFT JOIN tenants t ON t.tenant_id = u.tenant_id WHERE u.username = ?")
                .param(username)
                .query((rs, n) -> new Login(map(rs, n), rs.getString("password_hash"), rs.getBoolean("enabled")))
                .optional();
    }

    public List<User> findByTenant(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.tenant_id = ? ORDER BY u.created_at, u.username")
                .param(tenant.value())
                .query(UserRepository::map)
                .list();
    }

    public void updateRole(String username, Role role) {
        jdbc.sql("UPDATE users SET role = ? WHERE username = ?")
                .params(role.name(), username)
                .update();
    }

    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE username = ?")
                .params(passwordHash, username)
                .update();
    }

    /** Removes the user with the authorizations of its logins (tokens issued live until they expire). */
    public void delete(String username, String loginClientId) {
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id IN"
                        + " (SELECT id FROM oauth2_registered_client WHERE client_id = ?)")
                .params(username, loginClientId)
                .update();
        jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        String tenant = rs.getString("tenant_id");
        return new User(
                rs.getString("username"),
                tenant == null ? null : TenantId.of(tenant),
                Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant());
    }
}
