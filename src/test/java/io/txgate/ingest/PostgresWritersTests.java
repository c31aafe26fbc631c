package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.load.LoadGenerator;
import io.txgate.load.LoadProperties;
import io.txgate.load.LoadSummary;
import io.txgate.load.SampleBatches;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.TestPostgres;
import io.txgate.support.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One server with several writers on PostgreSQL ({@code txgate.store.writers}): its writers meet on a batchId the way
 * two instances do, so the same race must end the same way, and nothing is lost or doubled under load.
 */
@EnabledIfPostgres
class PostgresWritersTests {

    private static final int WRITERS = 4;

    private static String schema;
    private static ConfigurableApplicationContext server;

    @BeforeAll
    static void startServer() {
        schema = TestPostgres.createSchema("writers");
        server = TestServers.startOnPostgres(schema, "--txgate.store.writers=" + WRITERS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
    }

    @Test
    void sameBatchIdsWhenRacedOnOneInstanceWithSeveralWritersShouldBeAcceptedOnceAndStoredOnce() throws Exception {
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .contains("txgate-writer", "txgate-writer-" + WRITERS);

        SharedStoreTests.raceSameBatchIds(
                new int[] {TestServers.ingestPort(server)}, server.getBean(JdbcTemplate.class));
    }

    @Test
    void loadWhenPipelinedOverManyConnectionsShouldStoreEveryAcceptedBatchOnce() throws Exception {
        var settings = new LoadProperties(
                "127.0.0.1",
                List.of(TestServers.ingestPort(server)),
                8,
                4,
                10,
                400,
                SampleBatches.DEFAULT_ACCOUNTS,
                0,
                Duration.ofSeconds(30),
                "writers",
                "");

        LoadSummary summary = new LoadGenerator(settings).run();

        assertThat(summary.count("ACCEPTED")).isEqualTo(400);
        var jdbc = server.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'writers-%'", Long.class))
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from transactions where batch_id like 'writers-%'", Long.class))
                .isEqualTo(summary.acceptedTransactions())
                .isEqualTo(4000);
    }
}
