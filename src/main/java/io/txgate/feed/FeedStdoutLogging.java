package io.txgate.feed;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * In the feed mode with {@code txgate.feed.output=-} standard output carries the transactions, so the console log
 * must not: it is switched off unless {@code logging.console.enabled} is set (keep the log with {@code
 * logging.file.name}). Runs before the logging system starts; registered in {@code META-INF/spring.factories}.
 */
class FeedStdoutLogging implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("feed & !server"))
                && "-".equals(environment.getProperty("txgate.feed.output"))
                && !environment.containsProperty("logging.console.enabled")) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("txgateFeedStdout", Map.of("logging.console.enabled", "false")));
        }
    }
}
