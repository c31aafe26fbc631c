package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.TxgateApplication;
import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchParser;
import io.txgate.protocol.ParseResult;
import io.txgate.protocol.Transaction;
import io.txgate.support.Http;
import io.txgate.support.LineClient;
import io.txgate.support.TestServers;
import io.txgate.support.TestTokens;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * V3__compact_store on a database written in the earlier format (issue 15): every batch and every account listing
 * reads back through the read API exactly as the earlier read API returned it, and batches stored before are still
 * recognised: the same content is DUPLICATE, other content CONFLICT, for the identity that stored them only.
 * {@link PostgresStoreMigrationTests} runs the same on PostgreSQL.
 */
class StoreMigrationTests {

    static final String TERMINAL_7 = "CN=terminal-7,O=txgate test";
    static final String TERMINAL_8 = "CN=terminal-8,O=txgate test";
    static final List<String> ACCOUNTS = List.of("ACC-A", "ACC-B", "ACC-C", "ACC-EDGE");

    private static final BatchParser PARSER = new BatchParser(1000, 1 << 20);

    @TempDir
    Path dataDir;

    /** A batch of the old store: its frame as sent (null if built directly), and who sent it. */
    record OldBatch(String frame, Batch batch, String clientId) {}

    @Test
    void sqliteStoreWhenMigratedShouldReadBackIdenticallyAndStillKnowItsBatches() throws Exception {
        Path file = dataDir.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        OldFormatStore.SQLITE.create(url, null, null);
        List<OldBatch> old = oldBatches();
        Before before;
        try (Connection connection = DriverManager.getConnection(url)) {
            before = write(OldFormatStore.SQLITE, connection, old);
        }

        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .run(Stream.concat(
                                Stream.of(
                                        "--txgate.server.port=0",
                                        "--txgate.server.bind-address=127.0.0.1",
                                        "--server.port=0",
                                        "--management.server.port=0",
                                        "--server.address=127.0.0.1",
                                        "--txgate.store.path=" + file),
                                TestTokens.arguments().stream())
                        .toArray(String[]::new))) {
            assertReadsBackAndKnowsItsBatches(server, old, before);
        }
    }

    /** The read API's answers before the migration, computed by the earlier read semantics. */
    record Before(Map<String, Map<String, Object>> batches, Map<String, List<Map<String, Object>>> accounts) {}

    static Before write(OldFormatStore format, Connection connection, List<OldBatch> old) throws SQLException {
        Instant received = Instant.parse("2026-11-25T12:00:00.123456789Z");
        for (OldBatch batch : old) {
            format.insert(connection, batch.batch(), batch.clientId(), received);
            received = received.plusMillis(1234);
        }
        var batches = new LinkedHashMap<String, Map<String, Object>>();
        for (OldBatch batch : old) {
            batches.put(
                    batch.batch().batchId(),
                    format.batchView(connection, batch.batch().batchId()));
        }
        var accounts = new LinkedHashMap<String, List<Map<String, Object>>>();
        for (String account : ACCOUNTS) {
            accounts.put(account, format.accountViews(connection, account));
        }
        return new Before(batches, accounts);
    }

    static void assertReadsBackAndKnowsItsBatches(
            ConfigurableApplicationContext server, List<OldBatch> old, Before before) throws Exception {
        var http = new Http(Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port")))
                .as(TestTokens.READER);
        for (var expected : before.batches().entrySet()) {
            Http.Response response = http.get("/api/batches/" + expected.getKey());
            assertThat(response.status()).as(expected.getKey()).isEqualTo(200);
            assertThat(batchView(response.json())).as(expected.getKey()).isEqualTo(expected.getValue());
        }
        for (var expected : before.accounts().entrySet()) {
            assertThat(allPages(http, expected.getKey()))
                    .as("the pages of %s", expected.getKey())
                    .isEqualTo(expected.getValue());
        }

        BatchStore store = server.getBean(BatchStore.class);
        for (OldBatch batch : old) {
            assertThat(store.store(batch.batch(), batch.clientId()).join())
                    .as("%s re-sent by its client", batch.batch().batchId())
                    .isEqualTo(new StoreOutcome.Duplicate(batch.batch().count()));
        }
        OldBatch anonymous = old.stream()
                .filter(batch -> batch.clientId() == null && batch.frame() != null)
                .findFirst()
                .orElseThrow();
        try (LineClient client = LineClient.connect(TestServers.ingestPort(server))) {
            assertThat(client.exchange(anonymous.frame()))
                    .isEqualTo(
                            "{\"batchId\":\"" + anonymous.batch().batchId() + "\",\"status\":\"DUPLICATE\",\"count\":"
                                    + anonymous.batch().count() + "}");
            assertThat(client.exchange(frame(anonymous.batch().batchId(), 1, 1, "ACC-A")))
                    .contains("\"code\":\"CONFLICT\"");
        }
        OldBatch terminal7 = old.stream()
                .filter(batch -> TERMINAL_7.equals(batch.clientId()))
                .findFirst()
                .orElseThrow();
        assertThat(store.store(terminal7.batch(), TERMINAL_8).join())
                .as("the same batchId and content from another identity is another batch")
                .isEqualTo(new StoreOutcome.Stored(terminal7.batch().count()));
        assertThat(http.get("/api/batches/" + terminal7.batch().batchId()).status())
                .as("two identities stored it now")
                .isEqualTo(409);

        Batch after = parse(frame("after-migration", 0, 3, "ACC-A"));
        assertThat(store.store(after, null).join()).isEqualTo(new StoreOutcome.Stored(3));
        JsonNode stored = http.get("/api/batches/after-migration").json();
        assertThat(stored.get("transactions")).hasSize(3);
    }

    /** Every page of an account's listing, 7 rows a page, in the earlier API's fields. */
    private static List<Map<String, Object>> allPages(Http http, String account) {
        var views = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            JsonNode page = http.get("/api/transactions?account=" + account + "&limit=7"
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .json();
            page.get("transactions").forEach(tx -> views.add(transactionView(tx)));
            if (page.get("nextCursor").isNull()) {
                return views;
            }
            cursor = page.get("nextCursor").asString();
        }
        throw new AssertionError("more than 1000 pages for " + account);
    }

    private static Map<String, Object> batchView(JsonNode body) {
        var view = new LinkedHashMap<String, Object>();
        view.put("batchId", body.get("batchId").asString());
        view.put("receivedAt", body.get("receivedAt").asString());
        view.put("count", body.get("count").asInt());
        view.put(
                "clientId",
                body.get("clientId").isNull() ? null : body.get("clientId").asString());
        var transactions = new ArrayList<Map<String, Object>>();
        body.get("transactions").forEach(tx -> transactions.add(transactionView(tx)));
        view.put("transactions", transactions);
        return view;
    }

    /** The fields the earlier read API returned (the listing's clientId is new). */
    private static Map<String, Object> transactionView(JsonNode tx) {
        var view = new LinkedHashMap<String, Object>();
        view.put("batchId", tx.get("batchId").asString());
        view.put("id", tx.get("id").asString());
        view.put("account", tx.get("account").asString());
        view.put("amount", tx.get("amount").asString());
        view.put("currency", tx.get("currency").asString());
        view.put("timestamp", tx.get("timestamp").asString());
        view.put(
                "description",
                tx.get("description").isNull() ? null : tx.get("description").asString());
        return view;
    }

    /**
     * The old store's batches: 1,000 transactions in one; descriptions with emoji, quotes and SQL; amounts of 18+6
     * digits and with leading zeros; timestamps with 9 fraction digits, with offsets, equal across batches (ties),
     * and at the edges of years 0000 and 9999; sent with and without client certificates.
     */
    static List<OldBatch> oldBatches() {
        var batches = new ArrayList<OldBatch>();
        String[] clients = {null, TERMINAL_7, TERMINAL_8};
        for (int b = 0; b < 30; b++) {
            // batchIds out of arrival order, so that positions (batchId order) differ from arrival.
            String batchId = "mig-" + String.format("%03d", (b * 7) % 30);
            batches.add(oldBatch(frame(batchId, b, 1 + b % 9, ACCOUNTS.get(b % 3)), clients[b % 3]));
        }
        batches.add(oldBatch(frame("mig-big", 100, 1000, "ACC-B"), null));
        // Built directly, not parsed: the edges of years 0000 and 9999 were valid when these rows were written.
        batches.add(new OldBatch(
                null,
                new Batch(
                        "mig-edge",
                        List.of(
                                edge(
                                        "e1",
                                        "-123456789012345678.123456",
                                        "2026-11-25T10:15:30.123456789Z",
                                        "it's \"quoted\" 😀; DROP TABLE batches;--"),
                                edge("e2", "1.5", "-0001-12-31T06:00:00Z", null),
                                edge("e3", "0.10", "+10000-01-01T17:59:59.999999999Z", "é中😀"),
                                edge("e4", "999999999999999999.999999", "0001-01-01T00:00:00Z", "line\nbreak"),
                                edge("e5", "-0.000001", "1969-12-31T23:59:59.999999999Z", ""))),
                TERMINAL_7));
        return batches;
    }

    private static Transaction edge(String id, String amount, String instant, String description) {
        return new Transaction(id, "ACC-EDGE", new BigDecimal(amount), "EUR", Instant.parse(instant), description);
    }

    private static OldBatch oldBatch(String frame, String clientId) {
        return new OldBatch(frame, parse(frame), clientId);
    }

    static Batch parse(String frame) {
        ParseResult result = PARSER.parse(frame.getBytes(StandardCharsets.UTF_8));
        if (result instanceof ParseResult.Valid valid) {
            return valid.batch();
        }
        throw new IllegalArgumentException("not a valid batch: " + result + ": " + frame);
    }

    /** A batch of {@code size} transactions on {@code account}; every third shares one instant (a tie). */
    static String frame(String batchId, int variant, int size, String account) {
        var transactions = new StringJoiner(",", "[", "]");
        for (int i = 0; i < size; i++) {
            String timestamp = i % 3 == 0
                    ? "2026-11-25T10:00:00.123456789Z"
                    : String.format(
                            "2026-11-%02dT%02d:%02d:%02d.%09dZ",
                            1 + i % 28, i % 24, variant % 60, i % 60, (variant * 7919L + i * 104729L) % 1_000_000_000L);
            transactions.add(tx(
                    "t" + i,
                    account,
                    "\"" + variant + "." + String.format("%02d", i % 100) + "\"",
                    timestamp,
                    i % 4 == 0 ? "null" : "\"coffee " + i + "\""));
        }
        return "{\"batchId\":\"" + batchId + "\",\"transactions\":" + transactions + "}";
    }

    private static String tx(String id, String account, String amountJson, String timestamp, String descriptionJson) {
        return "{\"id\":\"" + id + "\",\"account\":\"" + account + "\",\"amount\":" + amountJson
                + ",\"currency\":\"EUR\",\"timestamp\":\"" + timestamp + "\",\"description\":" + descriptionJson + "}";
    }
}
