package io.txgate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An SQLite store opened read-only for {@link SqliteToPostgres}, in the current format. A file in the earlier format
 * (before V3__compact_store) is not changed: a consistent copy of it ({@code VACUUM INTO}, which also takes what is
 * still in its write-ahead log) is converted by the same migration a server runs, and read instead.
 */
final class SqliteSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteSource.class);

    private final Connection connection;
    private final Path converted;

    private SqliteSource(Connection connection, Path converted) {
        this.connection = connection;
        this.converted = converted;
    }

    static SqliteSource open(Path file) throws SQLException {
        Connection connection = readOnly(file).getConnection();
        if (isCurrentFormat(connection)) {
            return new SqliteSource(connection, null);
        }
        Path copy = null;
        try (connection) {
            copy = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".converted");
            Files.delete(copy);
            try (PreparedStatement vacuum = connection.prepareStatement("vacuum into ?")) {
                vacuum.setString(1, copy.toString());
                vacuum.execute();
            }
            log.info(
                    "{} is in the store's earlier format; copying from a converted copy, {} (the file is unchanged)",
                    file,
                    copy);
            Flyway.configure()
                    .dataSource("jdbc:sqlite:" + copy, null, null)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            return new SqliteSource(readOnly(copy).getConnection(), copy);
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new UncheckedIOException("cannot make a converted copy of " + file + " next to it", e);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            deleteQuietly(converted);
        }
    }

    private static SQLiteDataSource readOnly(Path file) {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        var dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    /** The current format keys transactions by position. */
    private static boolean isCurrentFormat(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select count(*) from pragma_table_info('transactions')" + " where name = 'row_no'");
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getInt(1) == 1;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                log.warn("could not delete {}{}: {}", file, suffix, e.toString());
            }
        }
    }
}
