package io.txgate.client;

import io.txgate.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The client's durable queue of batches the server has not acknowledged yet, in its own SQLite file.
 *
 * <p>A batch is written here, with the exact frame text, before it is sent for the first time, and deleted only after
 * ACCEPTED or DUPLICATE; a client killed at any moment therefore resends the same frames (same batchIds) after a
 * restart, and the server's idempotency turns a resent batch into DUPLICATE instead of a second copy. Batches the
 * server refused for good move to the {@code rejected} table, kept for inspection.
 *
 * <p>Plain JDBC on one connection rather than a Spring {@code DataSource} bean: the server's database auto-configuration
 * must not see (or back off because of) the client's file. Calls are short and few (one per batch), so one
 * synchronized connection is enough.
 */
class Outbox implements AutoCloseable {

    /** A batch waiting for its acknowledgement; {@code seq} orders the outbox, oldest first. */
    record Entry(long seq, String batchId, String frame, Instant createdAt) {}

    /** A batch the server refused with a code that retrying cannot fix. */
    record Rejected(String batchId, String frame, String code, String message, Instant rejectedAt) {}

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final int capacity;
    private final Clock clock;
    private final Connection connection;
    private final OutboxLock lock;
    private final AtomicInteger depth = new AtomicInteger();

    private Outbox(Path file, int capacity, Clock clock, Connection connection, OutboxLock lock) {
        this.file = file;
        this.capacity = capacity;
        this.clock = clock;
        this.connection = connection;
        this.lock = lock;
    }

    /**
     * Opens (and on first use creates, with its folder) the outbox file, for this client alone: a second client on
     * the same file stops here ({@link OutboxLock}).
     */
    static Outbox open(Path file, int capacity, Clock clock) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            // Private to this user, like the server's store: the frames hold payment data.
            PrivateFiles.createFolder(absolute.getParent());
            PrivateFiles.createFile(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the client outbox " + absolute + ": " + e.getMessage(), e);
        }
        OutboxLock lock = OutboxLock.acquire(absolute);
        try {
            return open(absolute, capacity, clock, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Outbox open(Path absolute, int capacity, Clock clock, OutboxLock lock) {
        var config = new SQLiteConfig();
        // WAL + FULL: a batch counts as generated only once its row survives a power cut.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);
        try {
            Connection connection = dataSource.getConnection();
            var outbox = new Outbox(absolute, capacity, clock, connection, lock);
            outbox.createSchema();
            outbox.depth.set(outbox.countRows());
            if (outbox.depth() > 0) {
                log.info(
                        "client outbox {} holds {} batches not acknowledged in an earlier run: they are sent first",
                        absolute,
                        outbox.depth());
            }
            return outbox;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the client outbox " + absolute + ": " + e.getMessage(), e);
        }
    }

    private void createSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS outbox (
                        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                        batch_id   TEXT    NOT NULL UNIQUE,
                        frame      TEXT    NOT NULL,
                        created_at INTEGER NOT NULL
                    )""");
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS rejected (
                        seq         INTEGER PRIMARY KEY,
                        batch_id    TEXT    NOT NULL,
                        frame       TEXT    NOT NULL,
                        created_at  INTEGER NOT NULL,
                        code        TEXT    NOT NULL,
                        message     TEXT,
                        rejected_at INTEGER NOT NULL
                    )""");
            // Marks the layout, so that a later version can migrate an outbox left behind by this one.
            statement.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    private int countRows() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Stores a batch durably; it is sent after every batch stored before it. */
    synchronized void add(String batchId, String frame) {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO outbox (batch_id, frame, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, batchId);
            insert.setString(2, frame);
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
            depth.incrementAndGet();
        } catch (SQLException e) {
            throw failure("cannot add batch " + batchId, e);
        }
    }

    /** The batch to send next, if any. */
    synchronized Optional<Entry> oldest() {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, batch_id, frame, created_at FROM outbox ORDER BY seq LIMIT 1");
                ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(
                    rows.getLong(1), rows.getString(2), rows.getString(3), Instant.ofEpochMilli(rows.getLong(4))));
        } catch (SQLException e) {
            throw failure("cannot read the oldest batch", e);
        }
    }

    /** Forgets an acknowledged batch. */
    synchronized void remove(Entry entry) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            delete.setLong(1, entry.seq());
            if (delete.executeUpdate() > 0) {
                depth.decrementAndGet();
            }
        } catch (SQLException e) {
            throw failure("cannot remove batch " + entry.batchId(), e);
        }
    }

    /** Moves a batch the server refused for good to the {@code rejected} table, in one transaction. */
    synchronized void reject(Entry entry, String code, String message) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO rejected (seq, batch_id, frame, created_at, code, message, rejected_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                insert.setLong(1, entry.seq());
                insert.setString(2, entry.batchId());
                insert.setString(3, entry.frame());
                insert.setLong(4, entry.createdAt().toEpochMilli());
                insert.setString(5, code);
                insert.setString(6, message);
                insert.setLong(7, clock.millis());
                insert.executeUpdate();
                delete.setLong(1, entry.seq());
                int deleted = delete.executeUpdate();
                connection.commit();
                depth.addAndGet(-deleted);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("cannot move batch " + entry.batchId() + " to the rejected table", e);
        }
    }

    /** Batches waiting for acknowledgement. */
    int depth() {
        return depth.get();
    }

    int capacity() {
        return capacity;
    }

    boolean isFull() {
        return depth.get() >= capacity;
    }

    Path file() {
        return file;
    }

    /** When the oldest waiting batch was generated, if any waits. */
    synchronized Optional<Instant> oldestCreatedAt() {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT created_at FROM outbox ORDER BY seq LIMIT 1");
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
        } catch (SQLException e) {
            throw failure("cannot read the oldest batch", e);
        }
    }

    /** How many batches were refused for good (the {@code rejected} table's rows). */
    synchronized long rejectedCount() {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM rejected");
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw failure("cannot count the rejected batches", e);
        }
    }

    /** The batches refused for good, oldest first. */
    synchronized List<Rejected> rejected() {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT batch_id, frame, code, message, rejected_at FROM rejected ORDER BY seq");
                ResultSet rows = select.executeQuery()) {
            var rejected = new ArrayList<Rejected>();
            while (rows.next()) {
                rejected.add(new Rejected(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        Instant.ofEpochMilli(rows.getLong(5))));
            }
            return rejected;
        } catch (SQLException e) {
            throw failure("cannot read the rejected batches", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("client outbox " + file + ": " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close", e);
        } finally {
            lock.close();
        }
    }
}
