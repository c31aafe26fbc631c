package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.bench.LoadGenerator;
import io.txgate.bench.LoadProperties;
import io.txgate.bench.LoadSummary;
import io.txgate.bench.SampleBatches;
import io.txgate.support.Batches;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.LineClient;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One server with several writers on PostgreSQL ({@code txgate.store.writers}): the same batchId raced from many
 * connections ends as with one writer, frames of one connection are decided in the order sent, and nothing is lost or
 * doubled under load.
 */
@EnabledIfPostgres
class PostgresWritersTests {

    private static final int WRITERS = 4;

    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private static ConfigurableApplicationContext server;

    @BeforeAll
    static void startServer() {
        server = TestServers.startOnPostgres(schema.name(), "--txgate.store.writers=" + WRITERS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
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
    void sameBatchIdPipelinedAgainWithOtherContentShouldBeDecidedInTheOrderSent() throws Exception {
        int batchIds = 40;
        var frames = new StringBuilder();
        for (int i = 0; i < batchIds; i++) {
            frames.append(frame("order-" + i, "1.00")).append("\r\n");
            frames.append(frame("order-" + i, "2.00")).append("\r\n");
        }
        var replies = new ArrayList<String>();
        try (LineClient connection = LineClient.connect(TestServers.ingestPort(server))) {
            connection.sendRaw(frames.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2 * batchIds; i++) {
                replies.add(connection.readLine());
            }
        }

        for (int i = 0; i < batchIds; i++) {
            assertThat(replies.get(2 * i)).contains("\"order-" + i + "\"").contains("ACCEPTED");
            assertThat(replies.get(2 * i + 1)).contains("\"order-" + i + "\"").contains("CONFLICT");
        }
        assertThat(server.getBean(JdbcTemplate.class)
                        .queryForList(
                                "select distinct amount::text from batch_transactions where batch_id like 'order-%'",
                                String.class))
                .containsExactly("1.00");
    }

    private static String frame(String batchId, String amount) {
        return Batches.batch(batchId, "[" + Batches.transaction("t1", "ACC-O", "\"" + amount + "\"", "first") + "]");
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
                0,
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
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'writers-%'", Long.class))
                .isEqualTo(summary.acceptedTransactions())
                .isEqualTo(4000);
    }
}
