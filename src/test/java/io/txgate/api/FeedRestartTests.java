package io.txgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.TxgateApplication;
import io.txgate.support.FeedFollowing;
import io.txgate.support.Http;
import io.txgate.support.IngestLoad;
import io.txgate.support.TestServers;
import io.txgate.support.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A consumer keeps following across a server restart: it resumes after the last position it took, from the new
 * process, and sees every transaction once, including those stored after the restart.
 */
class FeedRestartTests {

    @TempDir
    Path dataDir;

    @Test
    void consumerWhenTheServerRestartsMidFollowShouldResumeWithoutLossOrRepeat() throws Exception {
        var following = new FeedFollowing();
        try (var server = start()) {
            IngestLoad.start("before", new int[] {TestServers.ingestPort(server)}, 4, 10)
                    .get(30, TimeUnit.SECONDS);
            Http reader = api(server);
            // Part of what is there: three small pages.
            for (int i = 0; i < 3; i++) {
                following.page(reader, 7, "0s");
            }
            assertThat(following.seen()).hasSize(21);
        }
        try (var server = start()) {
            var jdbc = server.getBean(JdbcTemplate.class);
            var load = IngestLoad.start("after", new int[] {TestServers.ingestPort(server)}, 4, 10);
            Http reader = api(server);
            while (!load.isDone()) {
                following.page(reader, 13, "200ms");
            }
            load.get(30, TimeUnit.SECONDS);
            following.followUntil(n -> reader, () -> FeedFollowing.storedCount(jdbc), 100, Duration.ofSeconds(20));

            assertThat(following.seen()).isEqualTo(FeedFollowing.stored(jdbc));
            assertThat(following.seen())
                    .extracting(FeedFollowing.Seen::batchId)
                    .anyMatch(id -> id.startsWith("after-"));
        }
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of(
                "--txgate.server.port=0",
                "--txgate.server.bind-address=127.0.0.1",
                "--server.port=0",
                "--management.server.port=0",
                "--server.address=127.0.0.1",
                "--txgate.store.path=" + dataDir.resolve("txgate.db")));
        args.addAll(TestTokens.arguments());
        return new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .run(args.toArray(String[]::new));
    }

    private static Http api(ConfigurableApplicationContext server) {
        return new Http(server.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                .as(TestTokens.READER);
    }
}
