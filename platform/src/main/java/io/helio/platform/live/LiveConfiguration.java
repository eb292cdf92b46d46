package io.helio.platform.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LiveConfiguration {

    @Bean
    LiveFeed liveFeed() {
        return new LiveFeed();
    }
}
