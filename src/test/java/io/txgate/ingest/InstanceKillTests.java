package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.LineClient;
import io.txgate.support.PostgresSchema;
import io.txgate.support.ServerProcess;
import io.txgate.support.TestServers;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one PostgreSQL; one is killed (SIGKILL, its own JVM) while clients pipeline batches to it. The
 * clients resend every unacknowledged batch, with the same batchId, to the other instance. Afterwards every batch is
 * stored exactly once and whole, whether the killed instance had committed it before dying or not.
 */
@EnabledIfPostgres
class InstanceKillTests {

    private static final int CLIENTS_ON_DOOMED = 6;
    private static final int CLIENTS_ON_SURVIVOR = 2;
    private static final int BATCHES_EACH = 150;
    private static final int WINDOW = 4;
    private static final int TRANSACTIONS_EACH = 3;

    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private static ServerProcess doomed;
    private static ConfigurableApplicationContext survivor;

    @BeforeAll
    static void startTwoServers() {
        survivor = TestServers.startOnPostgres(schema.name());
        doomed = ServerProcess.startOnPostgres(schema.name());
    }

    @AfterAll
    static void stopServers() {
        if (doomed != null) {
            doomed.close();
        }
        if (survivor != null) {
            survivor.close();
        }
    }

    @Test
    void instanceWhenKilledUnderLoadShouldLoseNoAcknowledgedBatchAndStoreResentOnesOnce() throws Exception {
        int survivorPort = TestServers.ingestPort(survivor);
        var acknowledged = new AtomicInteger();
        int clients = CLIENTS_ON_DOOMED + CLIENTS_ON_SURVIVOR;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var results = new ArrayList<Future<Sender>>();
        try {
            for (int c = 0; c < clients; c++) {
                var sender = new Sender(c, c < CLIENTS_ON_DOOMED ? doomed.tcpPort() : survivorPort, survivorPort);
                results.add(pool.submit(() -> sender.run(acknowledged)));
            }
            // Kill while every client still has most of its batches to send.
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= clients * BATCHES_EACH / 5);
            doomed.kill();

            int failovers = 0;
            int duplicates = 0;
            for (Future<Sender> result : results) {
                Sender sender = result.get(120, TimeUnit.SECONDS);
                assertThat(sender.acknowledged).as("client %d", sender.client).isEqualTo(BATCHES_EACH);
                assertThat(sender.unavailable).as("client %d", sender.client).isZero();
                failovers += sender.failedOver ? 1 : 0;
                duplicates += sender.duplicates;
            }
            assertThat(failovers).as("clients that lost their instance").isEqualTo(CLIENTS_ON_DOOMED);
            // Resent batches the dead instance had committed come back DUPLICATE; how many is up to timing.
            assertThat(duplicates).isBetween(0, CLIENTS_ON_DOOMED * WINDOW);
        } finally {
            pool.shutdownNow();
        }
        var jdbc = survivor.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'kill-%'", Long.class))
                .isEqualTo((long) clients * BATCHES_EACH);
        assertThat(jdbc.queryForObject(
                        "select count(*) from (select batch_id from batch_transactions where batch_id like 'kill-%'"
                                + " group by batch_id having count(*) = " + TRANSACTIONS_EACH + ") whole",
                        Long.class))
                .as("batches stored whole")
                .isEqualTo((long) clients * BATCHES_EACH);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'kill-%'", Long.class))
                .isEqualTo((long) clients * BATCHES_EACH * TRANSACTIONS_EACH);
    }

    /** A pipelining client that fails over once: it resends its unacknowledged batches to the other instance. */
    private static final class Sender {

        final int client;
        final int port;
        final int failoverPort;
        int acknowledged;
        int duplicates;
        int unavailable;
        boolean failedOver;

        Sender(int client, int port, int failoverPort) {
            this.client = client;
            this.port = port;
            this.failoverPort = failoverPort;
        }

        Sender run(AtomicInteger total) {
            var unacknowledged = new ArrayDeque<Integer>();
            int next = 0;
            LineClient connection = LineClient.connect(port);
            try {
                while (next < BATCHES_EACH || !unacknowledged.isEmpty()) {
                    try {
                        while (unacknowledged.size() < WINDOW && next < BATCHES_EACH) {
                            connection.send(frame(next));
                            unacknowledged.add(next++);
                        }
                        String reply = connection.readLine();
                        if (reply == null) {
                            throw new UncheckedIOException(new EOFException("server closed the connection"));
                        }
                        int batch = unacknowledged.removeFirst();
                        assertThat(reply).startsWith("{\"batchId\":\"" + batchId(batch) + "\"");
                        if (reply.contains("\"UNAVAILABLE\"")) {
                            unavailable++;
                            unacknowledged.addFirst(batch);
                            connection.send(frame(batch));
                            continue;
                        }
                        assertThat(reply).containsAnyOf("\"ACCEPTED\"", "\"DUPLICATE\"");
                        duplicates += reply.contains("\"DUPLICATE\"") ? 1 : 0;
                        acknowledged++;
                        total.incrementAndGet();
                    } catch (UncheckedIOException lost) {
                        if (failedOver) {
                            throw lost;
                        }
                        failedOver = true;
                        connection.close();
                        connection = LineClient.connect(failoverPort);
                        for (int batch : unacknowledged) {
                            connection.send(frame(batch));
                        }
                    }
                }
            } finally {
                connection.close();
            }
            return this;
        }

        private String batchId(int batch) {
            return "kill-" + client + "-" + batch;
        }

        private String frame(int batch) {
            var transactions = new ArrayList<String>();
            for (int t = 0; t < TRANSACTIONS_EACH; t++) {
                transactions.add(Batches.transaction("t" + t, "ACC-K" + client, "\"" + batch + "." + t + "0\"", "k"));
            }
            return Batches.batch(batchId(batch), "[" + String.join(",", transactions) + "]");
        }
    }
}
