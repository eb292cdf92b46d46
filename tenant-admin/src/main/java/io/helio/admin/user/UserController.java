package io.helio.admin.user;

import io.helio.admin.api.UsersApi;
import io.helio.admin.api.model.Password;
import io.helio.admin.api.model.UserCreate;
import io.helio.admin.api.model.UserList;
import io.helio.admin.api.model.UserUpdate;
import io.helio.admin.tenant.TenantId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UserController implements UsersApi {

    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.UserCredentials> createUser(String tenantId, UserCreate request) {
        UserCredentials created = users.create(TenantId.of(tenantId), request.getUsername(), role(request.getRole()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new io.helio.admin.api.model.UserCredentials(toApi(created.user()), created.password()));
    }

    @Override
    public ResponseEntity<UserList> listUsers(String tenantId) {
        return ResponseEntity.ok(new UserList(users.list(TenantId.of(tenantId)).stream()
                .map(UserController::toApi)
                .toList()));
    }

    @Override
    public ResponseEntity<io.helio.admin.api.model.User> updateUser(
            String tenantId, String username, UserUpdate request) {
        return ResponseEntity.ok(toApi(users.changeRole(TenantId.of(tenantId), username, role(request.getRole()))));
    }

    @Override
    public ResponseEntity<Password> resetUserPassword(String tenantId, String username) {
        return ResponseEntity.ok(new Password(users.resetPassword(TenantId.of(tenantId), username)));
    }

    @Override
    public ResponseEntity<Void> deleteUser(String tenantId, String username) {
        users.delete(TenantId.of(tenantId), username);
        return ResponseEntity.noContent().build();
    }

    private static Role role(io.helio.admin.api.model.Role role) {
        return Role.valueOf(role.getValue());
    }

    private static io.helio.admin.api.model.User toApi(User user) {
        return new io.helio.admin.api.model.User(
                user.username(),
                Objects.requireNonNull(user.tenant()).value(),
                io.helio.admin.api.model.Role.fromValue(user.role().name()),
                user.createdAt().atOffset(ZoneOffset.UTC));
    }
}
