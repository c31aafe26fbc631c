package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two server instances on one PostgreSQL schema, with clients racing the same batchIds across both: the database's
 * unique key decides, and every losing insert becomes a DUPLICATE or CONFLICT reply, never an error.
 */
@EnabledIfPostgres
class SharedStoreTests {

    private static final int CLIENTS = 20;
    private static final int BATCH_IDS = 40;
    /** batchId, then status, or the error code of a REJECTED reply. */
    private static final Pattern REPLY = Pattern.compile(
            "\\{\"batchId\":\"([^\"]+)\",\"status\":\"(?:REJECTED\",\"error\":\\{\"code\":\")?([A-Z]+)\".*");

    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoServers() {
        first = TestServers.startOnPostgres(schema.name());
        second = TestServers.startOnPostgres(schema.name());
    }

    @AfterAll
    static void stopServers() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void sameBatchIdsWhenRacedAcrossTwoInstancesShouldBeAcceptedOnceAndStoredOnce() throws Exception {
        raceSameBatchIds(
                new int[] {TestServers.ingestPort(first), TestServers.ingestPort(second)},
                first.getBean(JdbcTemplate.class));
    }

    /**
     * {@value #CLIENTS} clients, spread over the given ports, each send the same {@value #BATCH_IDS} batchIds pipelined
     * in its own order; checks every reply against the stored copy and that each batchId is stored once.
     */
    static void raceSameBatchIds(int[] ports, JdbcTemplate jdbc) throws Exception {
        for (int port : ports) {
            try (LineClient warmUp = LineClient.connect(port)) {
                assertThat(warmUp.exchange(Batches.valid("race-warm-up-" + port, 1)))
                        .contains("ACCEPTED");
            }
        }
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Callable<List<String>> sender = () -> {
                    // Each client sends every batchId, in its own order, pipelined: groups on both instances hold
                    // the same keys in different orders.
                    var order = new ArrayList<Integer>();
                    for (int i = 0; i < BATCH_IDS; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(client));
                    var frames = new StringBuilder();
                    order.forEach(i -> frames.append(frame(i, client)).append("\r\n"));
                    var replies = new ArrayList<String>();
                    try (LineClient connection = LineClient.connect(ports[client % ports.length])) {
                        start.await();
                        connection.sendRaw(frames.toString().getBytes(StandardCharsets.UTF_8));
                        for (int i = 0; i < BATCH_IDS; i++) {
                            replies.add(client + " " + connection.readLine());
                        }
                    }
                    return replies;
                };
                results.add(pool.submit(sender));
            }
            start.countDown();
            var repliesByBatch = new HashMap<String, List<String>>();
            var acceptedBy = new int[ports.length];
            for (Future<List<String>> result : results) {
                for (String line : result.get(120, TimeUnit.SECONDS)) {
                    int client = Integer.parseInt(line.substring(0, line.indexOf(' ')));
                    Matcher reply = REPLY.matcher(line.substring(line.indexOf(' ') + 1));
                    assertThat(reply.matches()).as(line).isTrue();
                    repliesByBatch
                            .computeIfAbsent(reply.group(1), id -> new ArrayList<>())
                            .add(client + ":" + reply.group(2));
                    if (reply.group(2).equals("ACCEPTED")) {
                        acceptedBy[client % ports.length]++;
                    }
                }
            }
            assertThat(repliesByBatch).hasSize(BATCH_IDS);
            for (Map.Entry<String, List<String>> entry : repliesByBatch.entrySet()) {
                assertEveryReplyFitsTheStoredCopy(jdbc, entry.getKey(), entry.getValue());
            }
            // Which instance wins is timing; that the loser's reply is DUPLICATE/CONFLICT is checked above, and
            // PostgresKeyRaceTests forces the race deterministically.
            assertThat(Arrays.stream(acceptedBy).sum())
                    .as("one ACCEPTED per batchId across all ports")
                    .isEqualTo(BATCH_IDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'race-b%'", Long.class))
                .isEqualTo(BATCH_IDS);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'race-b%'", Long.class))
                .isEqualTo(BATCH_IDS * 2L);
    }

    @Test
    void loadModeWhenGivenBothPortsShouldSpreadItsConnectionsAndCountWhatTheStoreHolds() throws Exception {
        var settings = new LoadProperties(
                "127.0.0.1",
                List.of(TestServers.ingestPort(first), TestServers.ingestPort(second)),
                4,
                2,
                5,
                60,
                0,
                SampleBatches.DEFAULT_ACCOUNTS,
                0,
                Duration.ofSeconds(20),
                "split",
                "");

        double[] before = {acceptedBy(first), acceptedBy(second)};

        LoadSummary summary = new LoadGenerator(settings).run();

        assertThat(summary.count("ACCEPTED")).isEqualTo(60);
        var jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'split-%'", Long.class))
                .isEqualTo(summary.acceptedTransactions())
                .isEqualTo(300);
        double byFirst = acceptedBy(first) - before[0];
        double bySecond = acceptedBy(second) - before[1];
        // Connections take the next batch as they get free, so the split is near even, not exact.
        assertThat(byFirst).as("accepted by the first instance").isPositive();
        assertThat(bySecond).as("accepted by the second instance").isPositive();
        assertThat(byFirst + bySecond).isEqualTo(60);
    }

    private static double acceptedBy(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class)
                .get("txgate.batches")
                .tag("status", "ACCEPTED")
                .counter()
                .count();
    }

    /**
     * One ACCEPTED; DUPLICATE for every client that sent the stored content, CONFLICT for every other. Batches whose
     * number is divisible by 4 are sent with one of three contents, chosen by client; the others with one content.
     */
    private static void assertEveryReplyFitsTheStoredCopy(JdbcTemplate jdbc, String batchId, List<String> replies) {
        assertThat(replies).as(batchId).hasSize(CLIENTS);
        assertThat(replies.stream().filter(reply -> reply.endsWith(":ACCEPTED")))
                .as(batchId + " " + replies)
                .hasSize(1);
        String storedAmount = jdbc.queryForObject(
                "select amount from batch_transactions where batch_id = ? and seq = 0", String.class, batchId);
        int number = Integer.parseInt(batchId.substring("race-b".length()));
        for (String reply : replies) {
            int client = Integer.parseInt(reply.substring(0, reply.indexOf(':')));
            String status = reply.substring(reply.indexOf(':') + 1);
            boolean sameContent = amount(number, client).equals(storedAmount);
            assertThat(status)
                    .as(batchId + " client " + client + " " + replies)
                    .isIn(sameContent ? List.of("ACCEPTED", "DUPLICATE") : List.of("CONFLICT"));
        }
    }

    private static String frame(int number, int client) {
        String amount = amount(number, client);
        return Batches.batch(
                "race-b" + number,
                "[" + Batches.transaction("t1", "ACC-R", "\"" + amount + "\"", "first") + ","
                        + Batches.transaction("t2", "ACC-R", "\"1.00\"", "second") + "]");
    }

    private static String amount(int number, int client) {
        return number % 4 == 0 ? (client % 3) + ".50" : "7.00";
    }
}
