package io.txgate.load;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The load mode: drives a running server with generated batches, prints a summary and ends the process. */
@Configuration(proxyBeanMethods = false)
@Profile("load")
class LoadConfiguration {

    @Bean
    LoadRunner loadRunner(LoadProperties properties, ConfigurableApplicationContext context) {
        return new LoadRunner(properties, context);
    }
}
