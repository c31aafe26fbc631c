package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.protocol.Batch;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.Http;
import io.txgate.support.LineClient;
import io.txgate.support.PostgresSchema;
import io.txgate.support.ServerProcess;
import io.txgate.support.TestPostgres;
import io.txgate.support.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationKillIT} on PostgreSQL: the jar killed with SIGKILL while V3 converts a V2 schema. PostgreSQL rolls
 * the conversion back (after the statement it was running), the schema keeps the earlier format with every row, and
 * the next start converts it.
 */
@EnabledIfPostgres
class PostgresMigrationKillIT {

    // 150,000 rows: the conversion took 2.6 s for 300,000 under a load average of 15 on 2 cores, so about a second
    // here, far longer than the moment between its log line and the kill; writing the old rows was most of the time.
    private static final int BATCHES = 150;
    private static final int PER_BATCH = 1000;

    @TempDir
    Path dataDir;

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    @Test
    void migrationWhenKilledShouldBeRolledBackAndDoneByTheNextStart() throws Exception {
        OldFormatStore.POSTGRESQL.create(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
        var frames = new ArrayList<String>();
        Map<String, Object> before;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            for (int b = 0; b < BATCHES; b++) {
                String frame = StoreMigrationTests.frame("pgkill-" + b, b, PER_BATCH, "ACC-" + b % 7);
                frames.add(frame);
                Batch batch = StoreMigrationTests.parse(frame);
                OldFormatStore.POSTGRESQL.insert(connection, batch, null, Instant.parse("2026-11-25T12:00:00Z"));
            }
            connection.commit();
            before = OldFormatStore.POSTGRESQL.batchView(connection, "pgkill-7");
        }

        try (ServerProcess server = ServerProcess.begin(dataDir.resolve("unused.db"), "512m", postgresArgs())) {
            server.awaitLog("to version \"3 - compact store\"", Duration.ofSeconds(120));
            server.kill();
            assertThat(server.log()).doesNotContain("Successfully applied");
        }
        // Until PostgreSQL has noticed the lost connection and rolled back, the conversion's locks remain.
        await().atMost(Duration.ofSeconds(120))
                .until(() -> single("select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                                + " join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = current_schema() and l.pid <> pg_backend_pid()")
                        == 0);

        assertThat(single("select count(*) from information_schema.columns where table_schema = current_schema()"
                        + " and table_name = 'transactions' and column_name = 'batch_id'"))
                .as("still the earlier format")
                .isEqualTo(1);
        assertThat(single("select count(*) from transactions")).isEqualTo((long) BATCHES * PER_BATCH);
        assertThat(single("select count(*) from flyway_schema_history where version = '3'"))
                .isZero();

        try (ServerProcess restarted = ServerProcess.start(dataDir.resolve("unused.db"), "512m", postgresArgs())) {
            var body = new Http(restarted.httpPort())
                    .as(TestTokens.READER)
                    .get("/api/batches/pgkill-7")
                    .json();
            assertThat(body.get("receivedAt").asString()).isEqualTo(before.get("receivedAt"));
            List<?> transactions = (List<?>) before.get("transactions");
            assertThat(body.get("transactions")).hasSize(transactions.size());
            assertThat(body.get("transactions").get(999).get("timestamp").asString())
                    .isEqualTo(((Map<?, ?>) transactions.get(999)).get("timestamp"));
            try (LineClient client = LineClient.connect(restarted.tcpPort())) {
                assertThat(client.exchange(frames.get(BATCHES / 3))).contains("\"status\":\"DUPLICATE\"");
            }
        }
        assertThat(single("select count(*) from transactions")).isEqualTo((long) BATCHES * PER_BATCH);
        assertThat(single("select count(*) from flyway_schema_history where version = '3' and success"))
                .isEqualTo(1);
    }

    private String[] postgresArgs() {
        return new String[] {
            "--spring.profiles.active=server,postgres",
            "--spring.datasource.url=" + schema.url(),
            "--spring.datasource.username=" + TestPostgres.USER,
            "--spring.datasource.password=" + TestPostgres.PASSWORD
        };
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private long single(String query) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
