package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.Batch;
import io.txgate.support.Http;
import io.txgate.support.LineClient;
import io.txgate.support.ServerProcess;
import io.txgate.support.SqliteFile;
import io.txgate.support.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place conversion to the compact format (V3) killed with SIGKILL while it runs, in the real jar: the file
 * keeps the earlier format with every row, and the next start converts it completely. Big enough that the conversion
 * takes far longer than the moment between its log line and the kill, so the kill lands inside it.
 */
class MigrationKillIT {

    // 150,000 rows: the conversion then takes about 0.5 s on a quiet 2-core machine (5.7 s for 500,000 under a load
    // average of 10), many times the few milliseconds between its log line and the kill; more rows only cost time.
    private static final int BATCHES = 150;
    private static final int PER_BATCH = 1000;

    @TempDir
    Path dataDir;

    @Test
    void migrationWhenKilledShouldLeaveTheOldFormatWhichTheNextStartConverts() throws Exception {
        Path file = dataDir.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        OldFormatStore.SQLITE.create(url, null, null);
        var frames = new ArrayList<String>();
        var before = new LinkedHashMap<String, Map<String, Object>>();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Instant received = Instant.parse("2026-11-25T12:00:00.123456789Z");
            for (int b = 0; b < BATCHES; b++) {
                String frame = StoreMigrationTests.frame("kill-" + b, b, PER_BATCH, "ACC-" + b % 7);
                frames.add(frame);
                Batch batch = StoreMigrationTests.parse(frame);
                OldFormatStore.SQLITE.insert(connection, batch, null, received.plusSeconds(b));
            }
            connection.commit();
            for (int b : new int[] {0, BATCHES / 2, BATCHES - 1}) {
                before.put("kill-" + b, OldFormatStore.SQLITE.batchView(connection, "kill-" + b));
            }
        }
        var sqlite = new SqliteFile(file);

        try (ServerProcess server = ServerProcess.begin(file, "512m")) {
            server.awaitLog("to version \"3 - compact store\"", Duration.ofSeconds(120));
            server.kill();
            assertThat(server.log()).doesNotContain("Successfully applied");
        }

        assertThat(sqlite.count("select count(*) from pragma_table_info('transactions') where name = 'batch_id'"))
                .as("still the earlier format")
                .isEqualTo(1);
        assertThat(sqlite.count("select count(*) from flyway_schema_history where version = '3'"))
                .isZero();
        assertThat(sqlite.countRows("transactions")).isEqualTo((long) BATCHES * PER_BATCH);
        assertThat(sqlite.countRows("batches")).isEqualTo(BATCHES);

        try (ServerProcess restarted = ServerProcess.start(file, "512m")) {
            var http = new Http(restarted.httpPort()).as(TestTokens.READER);
            for (var expected : before.entrySet()) {
                var body = http.get("/api/batches/" + expected.getKey()).json();
                assertThat(body.get("receivedAt").asString())
                        .isEqualTo(expected.getValue().get("receivedAt"));
                List<?> transactions = (List<?>) expected.getValue().get("transactions");
                assertThat(body.get("transactions")).hasSize(transactions.size());
                for (int i = 0; i < transactions.size(); i += 97) {
                    var tx = body.get("transactions").get(i);
                    var want = (Map<?, ?>) transactions.get(i);
                    assertThat(tx.get("id").asString()).isEqualTo(want.get("id"));
                    assertThat(tx.get("amount").asString()).isEqualTo(want.get("amount"));
                    assertThat(tx.get("timestamp").asString()).isEqualTo(want.get("timestamp"));
                }
            }
            try (LineClient client = LineClient.connect(restarted.tcpPort())) {
                assertThat(client.exchange(frames.get(BATCHES / 3))).contains("\"status\":\"DUPLICATE\"");
            }
        }
        assertThat(sqlite.countRows("transactions")).isEqualTo((long) BATCHES * PER_BATCH);
        assertThat(sqlite.count("select count(*) from pragma_table_info('transactions') where name = 'row_no'"))
                .isEqualTo(1);
    }
}
