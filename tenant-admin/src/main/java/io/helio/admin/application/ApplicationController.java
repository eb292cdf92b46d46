package io.helio.admin.application;

import io.helio.admin.api.ApplicationsApi;
import io.helio.admin.api.model.ApplicationCreate;
import io.helio.admin.api.model.ApplicationCredentials;
import io.helio.admin.api.model.ApplicationList;
import io.helio.admin.api.model.ClientSecret;
import io.helio.admin.api.model.Scope;
import io.helio.admin.tenant.TenantId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ApplicationController implements ApplicationsApi {

    private final ApplicationService applications;

    public ApplicationController(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public ResponseEntity<ApplicationCredentials> createApplication(String tenantId, ApplicationCreate request) {
        Set<String> scopes = request.getScopes().stream().map(Scope::getValue).collect(Collectors.toSet());
        IssuedCredentials issued = applications.create(
                TenantId.of(tenantId),
                request.getName(),
                scopes,
                request.getExpiresAt() == null ? null : request.getExpiresAt().toInstant());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ApplicationCredentials(toApi(issued.application()), issued.clientSecret()));
    }

    @Override
    public ResponseEntity<ApplicationList> listApplications(String tenantId) {
        return ResponseEntity.ok(new ApplicationList(applications.list(TenantId.of(tenantId)).stream()
                .map(ApplicationController::toApi)
                .toList()));
    }

    @Override
    public ResponseEntity<ClientSecret> rotateApplicationSecret(String tenantId, String clientId) {
        return ResponseEntity.ok(new ClientSecret(applications.rotateSecret(TenantId.of(tenantId), clientId)));
    }

    @Override
    public ResponseEntity<Void> revokeApplication(String tenantId, String clientId) {
        applications.revoke(TenantId.of(tenantId), clientId);
        return ResponseEntity.noContent().build();
    }

    private static io.helio.admin.api.model.Application toApi(Application application) {
        return new io.helio.admin.api.model.Application(
                        application.clientId(),
                        application.tenant().value(),
                        application.name(),
                        application.scopes().stream()
                                .sorted()
                                .map(Scope::fromValue)
                                .toList(),
                        application.createdAt().atOffset(ZoneOffset.UTC))
                .expiresAt(
                        application.expiresAt() == null
                                ? null
                                : application.expiresAt().atOffset(ZoneOffset.UTC));
    }
}
