package io.txgate.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** With the transactions on standard output, the console log must not mix into them. */
class FeedStdoutLoggingTests {

    @Test
    void feedModeWritingToStdoutShouldTurnTheConsoleLogOff() {
        var environment = environment(Map.of("txgate.feed.output", "-"), "feed");

        new FeedStdoutLogging().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.console.enabled")).isEqualTo("false");
    }

    @Test
    void feedModeWritingToAFileOrAnExplicitSettingShouldLeaveTheConsoleLogAlone() {
        var toFile = environment(Map.of("txgate.feed.output", "feed.ndjson"), "feed");
        var explicit = environment(Map.of("txgate.feed.output", "-", "logging.console.enabled", "true"), "feed");
        var server = environment(Map.of("txgate.feed.output", "-"), "server");

        for (var environment : new StandardEnvironment[] {toFile, explicit, server}) {
            new FeedStdoutLogging().postProcessEnvironment(environment, new SpringApplication());
        }

        assertThat(toFile.getProperty("logging.console.enabled")).isNull();
        assertThat(explicit.getProperty("logging.console.enabled")).isEqualTo("true");
        assertThat(server.getProperty("logging.console.enabled")).isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> properties, String profile) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profile);
        return environment;
    }
}
