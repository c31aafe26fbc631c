package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.TxgateApplication;
import io.txgate.support.Batches;
import io.txgate.support.LineClient;
import io.txgate.support.SqliteFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Closing the context (what SIGTERM does) while clients pipeline batches: readiness goes DOWN before any ingest
 * connection is closed, every batch answered ACCEPTED is stored, nothing is stored that was not answered ACCEPTED,
 * and no batch is half-stored.
 */
class GracefulShutdownTests {

    private static final int CLIENTS = 8;
    private static final int FRAMES_PER_CLIENT = 60;
    private static final int TRANSACTIONS = 5;

    @TempDir
    Path dataDir;

    @Test
    void contextWhenClosedUnderPipelinedLoadShouldAnswerFramesInFlightAndStoreAllAccepted() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .web(WebApplicationType.NONE)
                .properties(
                        "txgate.server.port=0",
                        "txgate.store.path=" + dataDir.resolve("txgate.db"),
                        // Commits slower than arrivals, so frames are still in flight when the close begins.
                        "txgate.store.max-group-wait=20ms")
                .listeners(recorder(events))
                .run();
        var factory = context.getBean("ingestConnectionFactory", AbstractServerConnectionFactory.class);
        await().atMost(Duration.ofSeconds(10)).until(factory::isListening);

        List<LineClient> clients = new ArrayList<>();
        List<CompletableFuture<List<String>>> replies = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            LineClient client = LineClient.connect(factory.getPort(), Duration.ofSeconds(30));
            clients.add(client);
            for (int f = 0; f < FRAMES_PER_CLIENT; f++) {
                client.send(Batches.valid("drain-" + c + "-" + f, TRANSACTIONS));
            }
            replies.add(CompletableFuture.supplyAsync(() -> readUntilClosed(client)));
        }
        var jdbc = context.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject("select count(*) from batches", Integer.class) > 0);
        context.close();

        Map<String, String> statusByBatch = new HashMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String> lines = replies.get(c).get();
            for (int i = 0; i < lines.size(); i++) {
                // Replies come in request order, so the i-th reply answers the i-th frame.
                assertThat(lines.get(i)).contains("\"batchId\":\"drain-" + c + "-" + i + "\"");
                statusByBatch.put("drain-" + c + "-" + i, status(lines.get(i)));
            }
            clients.get(c).close();
        }
        Set<String> accepted = new HashSet<>();
        statusByBatch.forEach((batch, status) -> {
            if (status.equals("ACCEPTED")) {
                accepted.add(batch);
            }
        });
        Map<String, int[]> stored = storedBatches();

        assertThat(accepted).isNotEmpty();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        stored.forEach((batch, counts) ->
                assertThat(counts).as("batch %s stored whole", batch).containsExactly(TRANSACTIONS, TRANSACTIONS));
        assertThat(statusByBatch.values()).allMatch(s -> s.equals("ACCEPTED") || s.equals("UNAVAILABLE"));
        int refused = events.indexOf("REFUSING_TRAFFIC");
        assertThat(refused).as("readiness went DOWN").isNotNegative();
        assertThat(events.subList(0, refused)).doesNotContain("closed");
        assertThat(events.subList(refused, events.size())).contains("closed");
    }

    /** Records readiness changes and ingest connection closes, in the order they happen. */
    private static ApplicationListener<ApplicationEvent> recorder(List<String> events) {
        return event -> {
            if (event instanceof AvailabilityChangeEvent<?> change && change.getState() instanceof ReadinessState) {
                events.add(change.getState().toString());
            } else if (event instanceof TcpConnectionCloseEvent close
                    && "ingestConnectionFactory".equals(close.getConnectionFactoryName())) {
                events.add("closed");
            }
        };
    }

    private List<String> readUntilClosed(LineClient client) {
        var lines = new ArrayList<String>();
        String line;
        while ((line = client.readLine()) != null) {
            lines.add(line);
        }
        return lines;
    }

    private static String status(String reply) {
        if (reply.contains("\"ACCEPTED\"")) {
            return "ACCEPTED";
        }
        if (reply.contains("\"UNAVAILABLE\"")) {
            return "UNAVAILABLE";
        }
        return reply;
    }

    /** batchId -> {tx_count in the header, transaction rows}, read from the file after the server is gone. */
    private Map<String, int[]> storedBatches() {
        return new SqliteFile(dataDir.resolve("txgate.db"))
                .rowsByKey("""
                select b.batch_id, b.tx_count, (select count(*) from batch_transactions t where t.batch_id = b.batch_id)
                from batches b""", row -> new int[] {row.getInt(2), row.getInt(3)});
    }
}
