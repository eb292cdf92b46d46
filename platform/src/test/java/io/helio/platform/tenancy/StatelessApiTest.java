package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/** Every request carries its token: no request, with or without one, opens a web session. */
@PlatformTest
@Import(StatelessApiTest.CountedSessions.class)
class StatelessApiTest {

    @Autowired
    WebTestClient web;

    @Test
    void noRequestAsksForAWebSession() {
        Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m1");
        api.getJson("/timeseries/latest?productKey=" + device.productKey() + "&deviceKey=m1&point=kwh");
        web.get()
                .uri("/.well-known/oauth-protected-resource")
                .exchange()
                .expectStatus()
                .isOk();
        web.get().uri("/products").exchange().expectStatus().isUnauthorized();

        assertThat(CountedSessions.opened).hasValue(0);
    }

    /** The server's sessions, counting those any request asked for. */
    @TestConfiguration
    static class CountedSessions {

        static final AtomicInteger opened = new AtomicInteger();

        @Bean
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            return exchange -> sessions.getSession(exchange).doOnSubscribe(asked -> opened.incrementAndGet());
        }
    }
}
