package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.LineClient;
import io.txgate.support.ServerProcess;
import io.txgate.support.SqliteFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md guarantee 1 with a real process: the server jar is killed with SIGKILL while clients send, then
 * restarted on the same SQLite file. Every acknowledged batch must be there, complete; none half-stored; re-sending
 * everything stores nothing twice.
 */
class KillRecoveryIT {

    private static final int CONNECTIONS = 8;
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @Test
    void serverWhenKilledUnderLoadShouldKeepEveryAcknowledgedBatchAndNoPartialOne() throws Exception {
        Path database = dataDir.resolve("kill.db");
        Map<String, String> sent = new ConcurrentHashMap<>();
        Map<String, Integer> sizes = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        try (ServerProcess server = ServerProcess.start(database, "512m")) {
            var running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(CONNECTIONS);
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                load.submit(() -> send(server.tcpPort(), connection, running, sent, sizes, acknowledged));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL);
            server.kill();
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Integer> stored = storedCounts(database);
        assertThat(stored)
                .as("every acknowledged batch survives the kill")
                .containsKeys(acknowledged.toArray(String[]::new));
        stored.forEach((batchId, count) ->
                assertThat(count).as("batch %s is complete", batchId).isEqualTo(sizes.get(batchId)));
        assertThat(partialBatches(database)).as("no batch is half-stored").isZero();

        int duplicatesForAcknowledged = 0;
        try (ServerProcess restarted = ServerProcess.start(database, "512m");
                LineClient client = LineClient.connect(restarted.tcpPort())) {
            for (var frame : sent.entrySet()) {
                String reply = client.exchange(frame.getValue());
                if (acknowledged.contains(frame.getKey())) {
                    assertThat(reply).as(frame.getKey()).contains("\"status\":\"DUPLICATE\"");
                    duplicatesForAcknowledged++;
                } else {
                    // Committed but unanswered when killed (DUPLICATE), or never committed (ACCEPTED).
                    assertThat(reply)
                            .as(frame.getKey())
                            .containsAnyOf("\"status\":\"ACCEPTED\"", "\"status\":\"DUPLICATE\"");
                }
            }
        }
        Map<String, Integer> after = storedCounts(database);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(after).isEqualTo(new HashMap<>(sizes));
        System.out.printf(
                "kill-9 under load: sent=%d acknowledged=%d lost=0 duplicates-stored=0 resent-as-DUPLICATE=%d%n",
                sent.size(), acknowledged.size(), duplicatesForAcknowledged);
    }

    private static void send(
            int port,
            int connection,
            AtomicBoolean running,
            Map<String, String> sent,
            Map<String, Integer> sizes,
            Set<String> acknowledged) {
        try (LineClient client = LineClient.connect(port)) {
            for (int n = 0; running.get(); n++) {
                String batchId = "kill-" + connection + "-" + n;
                int size = 1 + (n * 7 + connection) % 20;
                String frame = Batches.valid(batchId, size);
                sent.put(batchId, frame);
                sizes.put(batchId, size);
                String reply = client.exchange(frame);
                if (reply == null) {
                    return;
                }
                if (reply.contains("\"status\":\"ACCEPTED\"")) {
                    acknowledged.add(batchId);
                }
            }
        } catch (RuntimeException connectionLostWhenKilled) {
            // expected once the server is gone
        }
    }

    private static Map<String, Integer> storedCounts(Path database) {
        return new SqliteFile(database)
                .rowsByKey("select batch_id, count(*) from batch_transactions group by batch_id", row -> row.getInt(2));
    }

    private static long partialBatches(Path database) {
        return new SqliteFile(database).count("""
                select count(*) from batches b
                where b.tx_count <> (select count(*) from batch_transactions t where t.batch_id = b.batch_id)""");
    }
}
