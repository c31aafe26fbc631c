package io.txgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Commits a group of batches in one database transaction and decides each batch's outcome.
 *
 * <p>Decisions are made against the rows already stored (one lookup per group) and against earlier batches of the
 * same group, so a batchId sent twice in one group is judged exactly as if the two came one after the other. A batch
 * is known by its batchId and its client identity together: the same batchId from another client is another batch.
 * The caller learns the outcomes only after the commit returned.
 *
 * <p>The rows are written with plain JDBC batches of prepared values ({@link PendingBatch} made them on the connection
 * threads), one batch per table per group. The same groups written as entities through Hibernate's {@code
 * StatelessSession} ({@code insertMultiple}, one JDBC batch per table too) cost the writer thread 18-21 us of CPU per
 * row, against 5-8 us this way, SQLite's own work included (WriterCostExperiment: three rounds of groups of 64 x 10 and
 * 50 x 100 rows on the 2-core VM): entity to value extraction, listeners and the session around every group, on the
 * one thread that commits for every connection. Reads stay with JPA (the entities, the read API).
 */
class GroupCommit {

    private static final String STORED_BEFORE = "select batch_id, client_no, content_hash, tx_count from batches";
    static final String INSERT_ROW = "insert into transactions (row_no, occurred_micros, occurred_nanos, tx_id,"
            + " account, amount, currency, description) values (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_BATCH = "insert into batches (batch_no, batch_id, client_no, content_hash,"
            + " tx_count, received_micros, received_nanos) values (?, ?, ?, ?, ?, ?, ?)";

    /**
     * New batches go in in this order: server instances sharing one PostgreSQL then lock the keys they race for in the
     * same order, so one waits for the other (and then sees a key violation) instead of deadlocking.
     */
    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::batchId)
            .thenComparing(Key::clientId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final DataSource dataSource;
    private final StoreDialect dialect;
    private final ClientNumbers clients;
    private final Clock clock;

    GroupCommit(DataSource dataSource, StoreDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clients = new ClientNumbers(dialect);
        this.clock = clock;
    }

    /** A batch's identity: its batchId from this client (null: without a client certificate). */
    private record Key(String batchId, String clientId) {

        static Key of(PendingBatch pending) {
            return new Key(pending.batchId(), pending.clientId());
        }
    }

    /** What is known of a batch stored before (or earlier in the group). */
    private record Prior(byte[] contentHash, int count) {}

    /**
     * Runs the group in one transaction; throws whatever the store threw, in which case nothing was stored.
     *
     * <p>The lookup runs before the write transaction, so that the write transaction begins with a write. SQLite lets a
     * writer wait its turn (busy_timeout) for a lock another connection holds, but a transaction that read first and
     * then writes cannot wait and fails at once with SQLITE_BUSY. If another process stores one of the batches between
     * the two, the insert meets the unique key and {@link BatchStore} decides the group again.
     */
    List<StoreOutcome> commit(List<PendingBatch> group) {
        try (Connection connection = dataSource.getConnection()) {
            Map<Key, Prior> known = storedBefore(connection, group);
            var outcomes = new ArrayList<StoreOutcome>(group.size());
            var inserts = new TreeMap<Key, PendingBatch>(KEY_ORDER);
            for (PendingBatch pending : group) {
                Key key = Key.of(pending);
                Prior prior = known.get(key);
                if (prior != null) {
                    outcomes.add(
                            Arrays.equals(prior.contentHash(), pending.fingerprint())
                                    ? new StoreOutcome.Duplicate(prior.count())
                                    : new StoreOutcome.Conflict());
                    continue;
                }
                inserts.put(key, pending);
                known.put(key, new Prior(pending.fingerprint(), pending.count()));
                outcomes.add(new StoreOutcome.Stored(pending.count()));
            }
            if (!inserts.isEmpty()) {
                insert(connection, List.copyOf(inserts.values()));
            }
            return outcomes;
        } catch (SQLException e) {
            throw StoreFailures.unchecked("group commit", e);
        }
    }

    /**
     * Rewrites the one row of {@code store_probe}: a write as durable as a batch commit, so it fails where a batch
     * would (read-only file, full disk, lock held by another process), but stores nothing of value.
     */
    void probe() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update store_probe set checked_at = ? where id = 1")) {
            update.setString(1, clock.instant().toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw StoreFailures.unchecked("store probe", e);
        }
    }

    /** What is stored of the group's batches; a mutable map, because the group's own batches are added to it. */
    private Map<Key, Prior> storedBefore(Connection connection, List<PendingBatch> group) throws SQLException {
        var ids = new LinkedHashSet<String>();
        var subjects = new LinkedHashSet<String>();
        for (PendingBatch pending : group) {
            ids.add(pending.batchId());
            subjects.add(pending.clientId());
        }
        // Only subjects the store knows can have batches stored; their numbers tell whose a stored batchId is.
        var subjectOf = new HashMap<Integer, String>();
        clients.known(connection, subjects).forEach((subject, number) -> subjectOf.put(number, subject));
        var known = new HashMap<Key, Prior>();
        if (subjectOf.isEmpty()) {
            return known;
        }
        // Both key columns in the condition: without statistics (a young table) PostgreSQL guesses that a list of
        // batchIds matches a third of the rows, since batch_id alone is not unique, and scans the whole table; with the
        // client numbers too it takes the index. They are the store's own integers, so they are written into the text.
        String clientNos =
                subjectOf.keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        try (PreparedStatement select = dialect.selectIn(
                        connection, STORED_BEFORE + " where client_no in (" + clientNos + ") and", "batch_id", ids);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                int clientNo = rows.getInt(2);
                known.put(
                        new Key(rows.getString(1), subjectOf.get(clientNo)),
                        new Prior(rows.getBytes(3), rows.getInt(4)));
            }
        }
        return known;
    }

    /**
     * Inserts the new batches: first their transactions, which takes the store's write lock on SQLite and tells the
     * positions; then the clients not numbered yet; then the batch rows, each keyed by its first position.
     */
    private void insert(Connection connection, List<PendingBatch> batches) throws SQLException {
        int rows = 0;
        for (PendingBatch pending : batches) {
            rows += pending.count();
        }
        if (rows > dialect.maxRowsPerCommit()) {
            throw new IllegalArgumentException(
                    rows + " transactions in one commit, at most " + dialect.maxRowsPerCommit()
                            + " allowed by this store: lower txgate.store.max-group-rows (or the transactions per batch)");
        }
        connection.setAutoCommit(false);
        Long taken = dialect.firstRowBeforeInsert(connection);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ROW)) {
            long position = taken == null ? 0 : taken;
            for (PendingBatch pending : batches) {
                for (PendingBatch.Row row : pending.rows()) {
                    dialect.bindPosition(insert, 1, taken == null ? null : position++);
                    insert.setLong(2, row.occurredMicros());
                    insert.setInt(3, row.occurredNanos());
                    insert.setString(4, row.txId());
                    insert.setString(5, row.account());
                    dialect.bindAmount(insert, 6, row);
                    insert.setString(7, row.currency());
                    insert.setString(8, row.description());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        long firstRow = dialect.firstRowAfterInsert(connection, taken, rows);

        Set<String> subjects = new LinkedHashSet<>();
        batches.forEach(pending -> subjects.add(pending.clientId()));
        Map<String, Integer> clientNos = clients.numbering(connection, subjects);
        Instant receivedAt = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
            long batchNo = firstRow;
            for (PendingBatch pending : batches) {
                insert.setLong(1, batchNo);
                insert.setString(2, pending.batchId());
                insert.setInt(3, clientNos.get(pending.clientId()));
                insert.setBytes(4, pending.fingerprint());
                insert.setInt(5, pending.count());
                insert.setLong(6, StoredInstant.micros(receivedAt));
                insert.setInt(7, StoredInstant.nanos(receivedAt));
                insert.addBatch();
                batchNo += pending.count();
            }
            insert.executeBatch();
        }
        connection.commit();
        clients.remember(clientNos);
    }
}
