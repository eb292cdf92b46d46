package io.helio.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The edge bridge: a site's devices on its own MQTT broker, their data buffered and sent to the cloud. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeBridgeApplication.class, args);
    }
}
