package io.helio.platform.discovery;

import io.helio.platform.api.DiscoveryApi;
import io.helio.platform.api.model.ProtectedResourceMetadata;
import io.helio.platform.tenancy.SecurityProperties;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

@RestController
public class ProtectedResourceController implements DiscoveryApi {

    private static final List<String> SCOPES =
            List.of("model:read", "model:write", "data:read", "data:write", "control", "rules");

    private final SecurityProperties security;

    public ProtectedResourceController(SecurityProperties security) {
        this.security = security;
    }

    @Override
    public Mono<ResponseEntity<ProtectedResourceMetadata>> getProtectedResourceMetadata(ServerWebExchange exchange) {
        String resource = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
        return Mono.just(ResponseEntity.ok(new ProtectedResourceMetadata(resource, List.of(security.issuer()))
                .scopesSupported(SCOPES)
                .bearerMethodsSupported(List.of("header"))));
    }
}
