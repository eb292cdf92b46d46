package io.helio.admin.discovery;

import io.helio.admin.api.DiscoveryApi;
import io.helio.admin.api.model.ProtectedResourceMetadata;
import io.helio.admin.auth.AuthProperties;
import io.helio.admin.auth.ServiceClientBootstrap;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
public class ProtectedResourceController implements DiscoveryApi {

    private final AuthProperties auth;

    public ProtectedResourceController(AuthProperties auth) {
        this.auth = auth;
    }

    @Override
    public ResponseEntity<ProtectedResourceMetadata> getProtectedResourceMetadata() {
        String resource =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ResponseEntity.ok(new ProtectedResourceMetadata(resource, List.of(auth.issuer()))
                .scopesSupported(List.of(ServiceClientBootstrap.OPERATOR_SCOPE))
                .bearerMethodsSupported(List.of("header")));
    }
}
