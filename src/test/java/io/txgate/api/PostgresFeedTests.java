package io.txgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.FeedFollowing;
import io.txgate.support.Http;
import io.txgate.support.IngestLoad;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestServers;
import io.txgate.support.TestTokens;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The change feed on PostgreSQL with two server instances and two writers each: positions are taken by four writers
 * whose transactions commit out of order, and a consumer asking the two instances in turn must still see every
 * transaction once and in order (only positions below txgate_final_rows_below() are served).
 */
@EnabledIfPostgres
class PostgresFeedTests {

    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startServers() {
        first = TestServers.startOnPostgres(schema.name(), "--txgate.store.writers=2");
        second = TestServers.startOnPostgres(schema.name(), "--txgate.store.writers=2");
    }

    @AfterAll
    static void stopServers() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void feedFromTwoInstancesWhileFourWritersCommitShouldServeEveryTransactionOnceInOrder() throws Exception {
        var load = IngestLoad.start(
                "pgfeed", new int[] {TestServers.ingestPort(first), TestServers.ingestPort(second)}, 20, 15);
        Http[] instances = {api(first), api(second)};
        var following = new FeedFollowing();
        var jdbc = first.getBean(JdbcTemplate.class);

        int request = 0;
        while (!load.isDone()) {
            following.page(instances[request++ % 2], 37, "200ms");
        }
        int accepted = load.get(60, TimeUnit.SECONDS);
        following.followUntil(
                n -> instances[n % 2], () -> FeedFollowing.storedCount(jdbc), 500, Duration.ofSeconds(20));

        assertThat(accepted).isEqualTo(20 * 15 * 3);
        assertThat(following.seen()).isEqualTo(FeedFollowing.stored(jdbc));
        assertThat(following.seen())
                .filteredOn(seen -> seen.batchId().startsWith("pgfeed-"))
                .hasSize(accepted);
    }

    @Test
    void rowsOfAnOpenTransactionShouldHoldBackHigherCommittedOnes() throws Exception {
        var jdbc = first.getBean(JdbcTemplate.class);
        Http reader = api(first);
        var following = new FeedFollowing();
        following.followUntil(n -> reader, () -> FeedFollowing.storedCount(jdbc), 1000, Duration.ofSeconds(20));

        // A transaction that has taken its positions and not committed: like a writer between insert and commit.
        try (var open = java.sql.DriverManager.getConnection(
                        io.txgate.support.TestPostgres.urlFor(schema.name()),
                        io.txgate.support.TestPostgres.USER,
                        io.txgate.support.TestPostgres.PASSWORD);
                var take = open.createStatement()) {
            open.setAutoCommit(false);
            take.execute("select txgate_first_row()");
            var load = IngestLoad.start("pghold", new int[] {TestServers.ingestPort(second)}, 2, 3);
            load.get(30, TimeUnit.SECONDS);

            // Committed after the open transaction took its positions, so higher than them: not served yet.
            assertThat(following.page(reader, 1000, "300ms")).isZero();

            open.rollback();
        }
        following.followUntil(n -> reader, () -> FeedFollowing.storedCount(jdbc), 1000, Duration.ofSeconds(20));
        assertThat(following.seen()).isEqualTo(FeedFollowing.stored(jdbc));
    }

    private static Http api(ConfigurableApplicationContext server) {
        return new Http(server.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                .as(TestTokens.READER);
    }
}
