package io.txgate.store;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Copies an SQLite store's batches and transactions into the PostgreSQL store this application runs with, then ends the
 * application. Batches already present in PostgreSQL (same batchId from the same client) are skipped, so the copy can
 * run again (for instance once while the old server still takes batches, and once more after it stopped) and never
 * stores a batch twice. Values are copied as stored, the content fingerprint included, so a client re-sending a copied
 * batch gets DUPLICATE from PostgreSQL. Batches are copied in the SQLite store's order, and keep it in PostgreSQL.
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

    /** A batch of the SQLite store, with its client's subject (null: none). */
    private record BatchRow(
            long batchNo,
            String batchId,
            String clientId,
            byte[] contentHash,
            int count,
            long receivedMicros,
            int receivedNanos) {}

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
        try (SqliteSource source = SqliteSource.open(file);
                Connection sink = target.getConnection()) {
            requirePostgres(sink);
            sink.setAutoCommit(false);
            var clients = new ClientNumbers(StoreDialect.POSTGRESQL);
            int batches = 0;
            long transactions = 0;
            int skipped = 0;
            int differing = 0;
            long after = 0;
            List<BatchRow> chunk;
            while (!(chunk = readBatches(source.connection(), after)).isEmpty()) {
                after = chunk.get(chunk.size() - 1).batchNo();
                lockBatches(sink);
                Set<String> subjects = new LinkedHashSet<>();
                chunk.forEach(batch -> subjects.add(batch.clientId()));
                Map<String, Integer> clientNos = clients.numbering(sink, subjects);
                Map<String, byte[]> present = presentHashes(sink, chunk, clientNos);
                var missing = new ArrayList<BatchRow>();
                for (BatchRow batch : chunk) {
                    byte[] hash = present.get(key(batch.batchId(), clientNos.get(batch.clientId())));
                    if (hash == null) {
                        missing.add(batch);
                    } else {
                        skipped++;
                        if (!Arrays.equals(hash, batch.contentHash())) {
                            differing++;
                            log.warn(
                                    "batch {} is in PostgreSQL with other content than in {}; kept PostgreSQL's",
                                    batch.batchId(),
                                    file);
                        }
                    }
                }
                if (!missing.isEmpty()) {
                    long first = firstRow(sink);
                    transactions += copyTransactions(source.connection(), sink, missing, first);
                    insertBatches(sink, missing, first, clientNos);
                }
                sink.commit();
                clients.remember(clientNos);
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

    private static void requirePostgres(Connection sink) throws SQLException {
        String product = sink.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equals(product)) {
            throw new IllegalStateException("migrate-sqlite copies into PostgreSQL, but the datasource is " + product
                    + ": activate the postgres profile too");
        }
    }

    /**
     * The next batches after position {@code after}: at most chunk-size batches, and at most as many transactions as
     * one PostgreSQL commit may take (a single larger batch cannot be copied, and says so).
     */
    private List<BatchRow> readBatches(Connection source, long after) throws SQLException {
        try (PreparedStatement select = source.prepareStatement("""
                select b.batch_no, b.batch_id, c.subject, b.content_hash, b.tx_count, b.received_micros, b.received_nanos
                from batches b left join clients c on c.client_no = b.client_no
                where b.batch_no > ? order by b.batch_no limit ?""")) {
            select.setLong(1, after);
            select.setInt(2, properties.chunkSize());
            try (ResultSet rows = select.executeQuery()) {
                var batches = new ArrayList<BatchRow>();
                long transactions = 0;
                while (rows.next()) {
                    var batch = new BatchRow(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getBytes(4),
                            rows.getInt(5),
                            rows.getLong(6),
                            rows.getInt(7));
                    if (batch.count() > StoreDialect.POSITIONS_PER_TRANSACTION) {
                        throw new IllegalStateException("batch " + batch.batchId() + " holds " + batch.count()
                                + " transactions; PostgreSQL takes at most " + StoreDialect.POSITIONS_PER_TRANSACTION
                                + " per commit, so it cannot be copied");
                    }
                    transactions += batch.count();
                    if (transactions > StoreDialect.POSITIONS_PER_TRANSACTION) {
                        break;
                    }
                    batches.add(batch);
                }
                return batches;
            }
        }
    }

    /**
     * Servers already running on PostgreSQL may store some of the chunk's batches while it is copied. Until the chunk
     * commits, their inserts wait, so what {@link #presentHashes} finds is what the chunk's inserts meet: a batch is
     * either skipped or copied whole, never its rows into another copy of the batch.
     */
    private static void lockBatches(Connection sink) throws SQLException {
        try (Statement lock = sink.createStatement()) {
            lock.execute("lock table batches in share row exclusive mode");
        }
    }

    private static String key(String batchId, int clientNo) {
        return clientNo + ":" + batchId;
    }

    /** The content hashes of the chunk's batches that PostgreSQL holds, by batchId and client. */
    private static Map<String, byte[]> presentHashes(
            Connection sink, List<BatchRow> chunk, Map<String, Integer> clientNos) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        chunk.forEach(batch -> ids.add(batch.batchId()));
        // The chunk's client numbers are the store's own integers; both key columns let PostgreSQL take the index.
        String clients = clientNos.values().stream()
                .distinct()
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
        try (PreparedStatement select = StoreDialect.POSTGRESQL.selectIn(
                        sink,
                        "select batch_id, client_no, content_hash from batches where client_no in (" + clients
                                + ") and",
                        "batch_id",
                        ids);
                ResultSet rows = select.executeQuery()) {
            var present = new HashMap<String, byte[]>();
            while (rows.next()) {
                present.put(key(rows.getString(1), rows.getInt(2)), rows.getBytes(3));
            }
            return present;
        }
    }

    private static long firstRow(Connection sink) throws SQLException {
        try (Statement statement = sink.createStatement();
                ResultSet result = statement.executeQuery("select txgate_first_row()")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Copies the batches' transactions to the positions from {@code first} on, in order. */
    private static long copyTransactions(Connection source, Connection sink, List<BatchRow> batches, long first)
            throws SQLException {
        long position = first;
        try (PreparedStatement select = source.prepareStatement(
                        "select occurred_micros, occurred_nanos, tx_id, account, amount, currency, description"
                                + " from transactions where row_no >= ? and row_no < ? order by row_no");
                PreparedStatement insert = sink.prepareStatement(
                        "insert into transactions (row_no, occurred_micros, occurred_nanos, tx_id, account, amount,"
                                + " currency, description) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (BatchRow batch : batches) {
                select.setLong(1, batch.batchNo());
                select.setLong(2, batch.batchNo() + batch.count());
                int copied = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        insert.setLong(1, position++);
                        insert.setLong(2, rows.getLong(1));
                        insert.setInt(3, rows.getInt(2));
                        insert.setString(4, rows.getString(3));
                        insert.setString(5, rows.getString(4));
                        // SQLite holds the amount as text; BigDecimal keeps its scale.
                        insert.setBigDecimal(6, new BigDecimal(rows.getString(5)));
                        insert.setString(7, rows.getString(6));
                        insert.setString(8, rows.getString(7));
                        insert.addBatch();
                        copied++;
                    }
                }
                if (copied != batch.count()) {
                    throw new IllegalStateException("batch " + batch.batchId() + " should hold " + batch.count()
                            + " transactions in the SQLite file, but " + copied + " were found; nothing of this chunk"
                            + " was copied");
                }
            }
            insert.executeBatch();
        }
        return position - first;
    }

    private static void insertBatches(
            Connection sink, List<BatchRow> batches, long first, Map<String, Integer> clientNos) throws SQLException {
        try (PreparedStatement insert = sink.prepareStatement("insert into batches (batch_no, batch_id, client_no,"
                + " content_hash, tx_count, received_micros, received_nanos) values (?, ?, ?, ?, ?, ?, ?)")) {
            long batchNo = first;
            for (BatchRow batch : batches) {
                insert.setLong(1, batchNo);
                insert.setString(2, batch.batchId());
                insert.setInt(3, clientNos.get(batch.clientId()));
                insert.setBytes(4, batch.contentHash());
                insert.setInt(5, batch.count());
                insert.setLong(6, batch.receivedMicros());
                insert.setInt(7, batch.receivedNanos());
                insert.addBatch();
                batchNo += batch.count();
            }
            insert.executeBatch();
        }
    }
}
