package io.txgate.store;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Copies an SQLite store's batches and transactions into the PostgreSQL store this application runs with, then ends the
 * application. Batches already present in PostgreSQL are skipped, so the copy can run again (for instance once while
 * the old server still takes batches, and once more after it stopped) and never stores a batch twice. Values are copied
 * as stored, the content fingerprint included, so a client re-sending a copied batch gets DUPLICATE from PostgreSQL.
 */
class SqliteToPostgres implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SqliteToPostgres.class);

    private final DataSource target;
    private final MigrateProperties properties;
    private final ConfigurableApplicationContext context;

    SqliteToPostgres(DataSource target, MigrateProperties properties, ConfigurableApplicationContext context) {
        this.target = target;
        this.properties = properties;
        this.context = context;
    }

    /** What one run did. */
    record Copied(int batches, long transactions, int skipped, int differing) {}

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        Copied copied = copy();
        log.info(
                "copied {} batches ({} transactions) from {}; {} were already in PostgreSQL, {} of them with other content",
                copied.batches(),
                copied.transactions(),
                properties.from(),
                copied.skipped(),
                copied.differing());
        // A one-shot command: stop the writer and the pool so the JVM ends.
        context.close();
    }

    Copied copy() throws SQLException {
        Path file = sourceFile();
        try (Connection source = sqlite(file).getConnection();
                Connection sink = target.getConnection()) {
            requirePostgres(sink);
            sink.setAutoCommit(false);
            int batches = 0;
            long transactions = 0;
            int skipped = 0;
            int differing = 0;
            String after = "";
            List<BatchRow> chunk;
            while (!(chunk = readBatches(source, after)).isEmpty()) {
                after = chunk.get(chunk.size() - 1).batchId();
                lockBatches(sink);
                Map<String, String> present = presentHashes(sink, chunk);
                var missing = new ArrayList<BatchRow>();
                for (BatchRow batch : chunk) {
                    String hash = present.get(batch.batchId());
                    if (hash == null) {
                        missing.add(batch);
                    } else {
                        skipped++;
                        if (!hash.equals(batch.contentHash())) {
                            differing++;
                            log.warn(
                                    "batch {} is in PostgreSQL with other content than in {}; kept PostgreSQL's",
                                    batch.batchId(),
                                    file);
                        }
                    }
                }
                if (!missing.isEmpty()) {
                    insertBatches(sink, missing);
                    transactions += copyTransactions(source, sink, missing);
                }
                sink.commit();
                batches += missing.size();
            }
            return new Copied(batches, transactions, skipped, differing);
        }
    }

    private Path sourceFile() {
        if (properties.from() == null || properties.from().isBlank()) {
            throw new IllegalStateException("txgate.migrate.from: required, the SQLite database file to copy from");
        }
        Path file = Path.of(properties.from());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("txgate.migrate.from: no SQLite database file at " + file.toAbsolutePath());
        }
        return file;
    }

    private static SQLiteDataSource sqlite(Path file) {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    private static void requirePostgres(Connection sink) throws SQLException {
        String product = sink.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equals(product)) {
            throw new IllegalStateException("migrate-sqlite copies into PostgreSQL, but the datasource is " + product
                    + ": activate the postgres profile too");
        }
    }

    private List<BatchRow> readBatches(Connection source, String after) throws SQLException {
        try (PreparedStatement select =
                source.prepareStatement("select batch_id, content_hash, tx_count, received_at, client_id from batches"
                        + " where batch_id > ? order by batch_id limit ?")) {
            select.setString(1, after);
            select.setInt(2, properties.chunkSize());
            try (ResultSet rows = select.executeQuery()) {
                var batches = new ArrayList<BatchRow>();
                while (rows.next()) {
                    batches.add(new BatchRow(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getInt(3),
                            Instant.parse(rows.getString(4)),
                            rows.getString(5)));
                }
                return batches;
            }
        }
    }

    /**
     * Servers already running on PostgreSQL may store some of the chunk's batchIds while it is copied. Until the chunk
     * commits, their inserts wait, so what {@link #presentHashes} finds is what the chunk's inserts meet: a batch is
     * either skipped or copied whole, never its rows into another copy of the batch.
     */
    private static void lockBatches(Connection sink) throws SQLException {
        try (Statement lock = sink.createStatement()) {
            lock.execute("lock table batches in share row exclusive mode");
        }
    }

    private static Map<String, String> presentHashes(Connection sink, List<BatchRow> chunk) throws SQLException {
        Array ids =
                sink.createArrayOf("text", chunk.stream().map(BatchRow::batchId).toArray());
        try (PreparedStatement select =
                sink.prepareStatement("select batch_id, content_hash from batches where batch_id = any(?)")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                var present = new HashMap<String, String>();
                while (rows.next()) {
                    present.put(rows.getString(1), rows.getString(2));
                }
                return present;
            }
        }
    }

    private static void insertBatches(Connection sink, List<BatchRow> batches) throws SQLException {
        try (PreparedStatement insert =
                sink.prepareStatement("insert into batches (batch_id, content_hash, tx_count, received_at, client_id)"
                        + " values (?, ?, ?, ?, ?)")) {
            for (BatchRow batch : batches) {
                insert.setString(1, batch.batchId());
                insert.setString(2, batch.contentHash());
                insert.setInt(3, batch.count());
                insert.setObject(4, InstantColumns.PostgresTimestamptz.toColumn(batch.receivedAt()));
                insert.setString(5, batch.clientId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long copyTransactions(Connection source, Connection sink, List<BatchRow> batches)
            throws SQLException {
        String marks = String.join(",", Collections.nCopies(batches.size(), "?"));
        long copied = 0;
        try (PreparedStatement select = source.prepareStatement(
                        "select batch_id, seq, tx_id, account, amount, currency, occurred_at, description"
                                + " from transactions where batch_id in (" + marks + ")");
                PreparedStatement insert = sink.prepareStatement(
                        "insert into transactions (batch_id, seq, tx_id, account, amount, currency, occurred_at,"
                                + " description) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < batches.size(); i++) {
                select.setString(i + 1, batches.get(i).batchId());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    insert.setString(1, rows.getString(1));
                    insert.setInt(2, rows.getInt(2));
                    insert.setString(3, rows.getString(3));
                    insert.setString(4, rows.getString(4));
                    // SQLite holds the amount as the text that was sent; BigDecimal keeps its scale.
                    insert.setBigDecimal(5, new BigDecimal(rows.getString(5)));
                    insert.setString(6, rows.getString(6));
                    insert.setObject(7, InstantColumns.PostgresTimestamptz.toColumn(Instant.parse(rows.getString(7))));
                    insert.setString(8, rows.getString(8));
                    insert.addBatch();
                    copied++;
                }
            }
            insert.executeBatch();
        }
        return copied;
    }

    private record BatchRow(String batchId, String contentHash, int count, Instant receivedAt, String clientId) {}
}
