package io.txgate.feed;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The feed consumer mode ({@code --spring.profiles.active=feed}): follows a server's change feed into a file, with no
 * database, no ingest port and no HTTP port of its own (application-feed.yml, ClientOnlyEnvironmentPostProcessor).
 */
@Configuration(proxyBeanMethods = false)
@Profile("feed & !server")
class FeedConsumerConfiguration {

    @Bean
    FeedRun feedRun(FeedProperties properties, ConfigurableApplicationContext context) {
        List<String> missing = FeedFollower.requiredSettings(properties);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    missing.get(0).substring(0, missing.get(0).indexOf(' '))
                            + " is required in the feed mode; missing: " + String.join(", ", missing));
        }
        return new FeedRun(
                new FeedFollower(properties),
                () -> properties.output().equals("-")
                        ? FeedOutput.stdout()
                        : FeedOutput.file(Path.of(properties.output()), FeedFollower::positionOf),
                code -> new Thread(() -> System.exit(SpringApplication.exit(context, () -> code)), "txgate-feed-exit")
                        .start());
    }
}
