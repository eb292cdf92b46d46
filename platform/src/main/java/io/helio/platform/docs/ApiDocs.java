package io.helio.platform.docs;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The platform's contract, from {@code api-spec/} in one file, and a browsable page of it, at {@code /api-docs/index.html}; public, like any API documentation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs implements WebFluxConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/api-docs/**")
                .addResourceLocations("classpath:/api-docs/", "classpath:/api-docs/platform-api/");
    }
}
