package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.txgate.TxgateApplication;
import io.txgate.support.Batches;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.LineClient;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestPostgres;
import io.txgate.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The documented move from an SQLite store to PostgreSQL: a copy of every value, idempotent, dedup kept. */
@EnabledIfPostgres
class SqliteToPostgresTests {

    private static final String ROUND_TRIP = Batches.batch(
            "mig-values",
            "[{\"id\":\"t1\",\"account\":\"ACC-M\",\"amount\":\"-123456789012345678.123456\",\"currency\":\"EUR\","
                    + "\"timestamp\":\"2026-11-25T11:15:30.123456789+01:00\",\"description\":\"caf\\u00e9 \\\"x\\\" 😀\"},"
                    + "{\"id\":\"t2\",\"account\":\"ACC-M\",\"amount\":0.10,\"currency\":\"USD\","
                    + "\"timestamp\":\"1500-03-01T00:00:00Z\"}]");

    @TempDir
    Path dataDir;

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    private JdbcTemplate postgres;

    @BeforeEach
    void connectToSchema() {
        postgres =
                new JdbcTemplate(new DriverManagerDataSource(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD));
    }

    @Test
    void sqliteStoreWhenCopiedTwiceShouldArriveOnceWithEveryValueAndStayDeduplicated() {
        Path sqlite = dataDir.resolve("old.db");
        try (var old = sqliteServer(sqlite)) {
            try (LineClient client = LineClient.connect(TestServers.ingestPort(old))) {
                assertThat(client.exchange(ROUND_TRIP)).contains("ACCEPTED");
                for (int i = 0; i < 12; i++) {
                    assertThat(client.exchange(Batches.valid("mig-" + i, 3))).contains("ACCEPTED");
                }
            }
        }

        migrate(sqlite);
        assertThat(postgres.queryForObject("select count(*) from batches", Long.class))
                .isEqualTo(13);
        assertThat(postgres.queryForObject("select count(*) from transactions", Long.class))
                .isEqualTo(2 + 12 * 3);
        List<Map<String, Object>> values = postgres.queryForList("select amount::text as amount, occurred_at,"
                + " description from batch_transactions where batch_id = 'mig-values' order by seq");
        assertThat(values.get(0))
                .containsEntry("amount", "-123456789012345678.123456")
                .containsEntry("occurred_at", "2026-11-25T10:15:30.123456789Z")
                .containsEntry("description", "café \"x\" 😀");
        assertThat(values.get(1))
                .containsEntry("amount", "0.10")
                .containsEntry("occurred_at", "1500-03-01T00:00:00.000000000Z")
                .containsEntry("description", null);

        // Again, after one more batch reached the old store: only that one is new.
        try (var old = sqliteServer(sqlite)) {
            try (LineClient client = LineClient.connect(TestServers.ingestPort(old))) {
                assertThat(client.exchange(Batches.valid("mig-late", 2))).contains("ACCEPTED");
            }
        }
        migrate(sqlite);
        assertThat(postgres.queryForObject("select count(*) from batches", Long.class))
                .isEqualTo(14);
        assertThat(postgres.queryForObject("select count(*) from transactions", Long.class))
                .isEqualTo(2 + 12 * 3 + 2);

        try (var moved = TestServers.startOnPostgres(schema.name())) {
            try (LineClient client = LineClient.connect(TestServers.ingestPort(moved))) {
                assertThat(client.exchange(ROUND_TRIP))
                        .isEqualTo("{\"batchId\":\"mig-values\",\"status\":\"DUPLICATE\",\"count\":2}");
                assertThat(client.exchange(Batches.valid("mig-3", 4))).contains("CONFLICT");
            }
        }
    }

    @Test
    void batchWhenAServerStoresItDuringTheCopyShouldBeKeptAsTheServerStoredIt() throws Exception {
        Path sqlite = dataDir.resolve("old.db");
        try (var old = sqliteServer(sqlite)) {
            try (LineClient client = LineClient.connect(TestServers.ingestPort(old))) {
                assertThat(client.exchange(Batches.valid("mig-race", 3))).contains("ACCEPTED");
            }
        }
        // The tables, as a server on PostgreSQL creates them.
        TestServers.startOnPostgres(schema.name()).close();

        try (Connection server = DriverManager.getConnection(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD)) {
            // A server on PostgreSQL is storing the same batchId, with other content, and has not committed yet.
            server.setAutoCommit(false);
            try (Statement insert = server.createStatement()) {
                insert.executeUpdate("insert into transactions (row_no, occurred_micros, occurred_nanos, tx_id,"
                        + " account, amount, currency) values (txgate_first_row(), 0, 0, 'x', 'ACC-S', 1, 'EUR')");
                insert.executeUpdate(
                        "insert into batches (batch_no, batch_id, client_no, content_hash, tx_count,"
                                + " received_micros, received_nanos) values (txgate_first_row(), 'mig-race', 0, 'other', 1, 0, 0)");
            }
            CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> migrate(sqlite));
            // The copy waits for that server's commit before it decides what is in PostgreSQL.
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheBatchesTable() > 0 || copy.isDone());
            assertThat(copy).isNotDone();
            server.commit();
            copy.get(60, TimeUnit.SECONDS);
        }

        assertThat(postgres.queryForObject(
                        "select convert_from(content_hash, 'UTF8') from batches where batch_id = 'mig-race'",
                        String.class))
                .isEqualTo("other");
        assertThat(postgres.queryForObject(
                        "select count(*) from batch_transactions where batch_id = 'mig-race'", Long.class))
                .as("the server's row only, none of the SQLite copy's three")
                .isEqualTo(1);
    }

    private long waitingForTheBatchesTable() {
        return postgres.queryForObject(
                "select count(*) from pg_locks where not granted and relation = to_regclass(?)",
                Long.class,
                schema.name() + ".batches");
    }

    @Test
    void sqliteFileInTheEarlierFormatShouldBeCopiedFromAConvertedCopyAndStayUnchanged() throws Exception {
        Path sqlite = dataDir.resolve("v1.db");
        OldFormatStore.SQLITE.create("jdbc:sqlite:" + sqlite, null, null);
        List<StoreMigrationTests.OldBatch> old = StoreMigrationTests.oldBatches();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            StoreMigrationTests.write(OldFormatStore.SQLITE, connection, old);
        }
        byte[] before = Files.readAllBytes(sqlite);

        migrate(sqlite);

        long sent = old.stream().mapToLong(batch -> batch.batch().count()).sum();
        assertThat(postgres.queryForObject("select count(*) from batch_transactions", Long.class))
                .isEqualTo(sent);
        assertThat(postgres.queryForObject(
                        "select count(*) from batch_transactions where client_id = ?",
                        Long.class,
                        StoreMigrationTests.TERMINAL_7))
                .isPositive();
        assertThat(postgres.queryForObject(
                        "select occurred_at from batch_transactions where batch_id = 'mig-edge' and seq = 0",
                        String.class))
                .isEqualTo("2026-11-25T10:15:30.123456789Z");
        assertThat(Files.readAllBytes(sqlite))
                .as("the file itself is unchanged")
                .isEqualTo(before);
        try (var left = Files.list(dataDir)) {
            assertThat(left.map(file -> file.getFileName().toString()))
                    .as("the converted copy is gone")
                    .noneMatch(name -> name.contains("converted"));
        }
    }

    @Test
    void migrationWhenSqliteFileIsMissingShouldFailNamingIt() {
        Path missing = dataDir.resolve("nope.db");
        assertThatThrownBy(() -> migrate(missing))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("txgate.migrate.from")
                .hasMessageContaining("no SQLite database file at " + missing.toAbsolutePath());
    }

    private void migrate(Path sqlite) {
        ConfigurableApplicationContext run = new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("postgres", "migrate-sqlite")
                .run(
                        "--txgate.migrate.from=" + sqlite,
                        "--txgate.migrate.chunk-size=5",
                        "--spring.datasource.url=" + schema.url(),
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD);
        assertThat(run.isActive()).as("the copy ends the application").isFalse();
    }

    /** The store before the move: a server on an SQLite file. */
    private static ConfigurableApplicationContext sqliteServer(Path sqlite) {
        return new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .run(
                        "--txgate.server.port=0",
                        "--txgate.server.bind-address=127.0.0.1",
                        "--server.port=0",
                        "--management.server.port=0",
                        "--txgate.store.path=" + sqlite);
    }
}
