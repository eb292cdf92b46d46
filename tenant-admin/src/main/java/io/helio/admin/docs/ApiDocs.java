package io.helio.admin.docs;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * tenant-admin's contract, from {@code api-spec/} in one file, and a browsable page of it, at {@code /api-docs/index.html}; public, like any API documentation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/api-docs/**")
                .addResourceLocations("classpath:/api-docs/", "classpath:/api-docs/admin-api/");
    }
}
