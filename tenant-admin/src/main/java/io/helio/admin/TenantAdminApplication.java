package io.helio.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TenantAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantAdminApplication.class, args);
    }
}
