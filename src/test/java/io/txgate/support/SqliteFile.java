package io.txgate.support;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SQLite file back after a run, as an operator would with the sqlite3 shell. Every call opens its own
 * connection and closes it before returning, so the test never holds the file open behind the application's back.
 * Tests that hold a connection on purpose (a lock, an open write transaction) open their own.
 */
public record SqliteFile(Path path) {

    /** Reads one row of a result; the cursor is already on the row. */
    @FunctionalInterface
    public interface RowReader<T> {

        T read(ResultSet row) throws SQLException;
    }

    public long countRows(String table) {
        return count("select count(*) from " + table);
    }

    /** The one number {@code sql} selects: a count, a sum. */
    public long count(String sql) {
        return single(sql, row -> row.getLong(1));
    }

    /** The one text value {@code sql} selects, e.g. a PRAGMA's. */
    public String text(String sql) {
        return single(sql, row -> row.getString(1));
    }

    /** The rows {@code sql} selects, keyed by their first column, which must be unique (a batchId, say). */
    public <T> Map<String, T> rowsByKey(String sql, RowReader<T> value) {
        var byKey = new LinkedHashMap<String, T>();
        for (var entry : rows(sql, row -> new SimpleImmutableEntry<>(row.getString(1), value.read(row)))) {
            if (byKey.containsKey(entry.getKey())) {
                throw new IllegalStateException("Key " + entry.getKey() + " twice in " + path + ": " + sql);
            }
            byKey.put(entry.getKey(), entry.getValue());
        }
        return byKey;
    }

    private <T> List<T> rows(String sql, RowReader<T> reader) {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + path);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            var read = new ArrayList<T>();
            while (rows.next()) {
                read.add(reader.read(rows));
            }
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + path + " failed: " + sql, e);
        }
    }

    private <T> T single(String sql, RowReader<T> reader) {
        List<T> rows = rows(sql, reader);
        if (rows.size() != 1) {
            throw new IllegalStateException("Expected one row from " + path + ", got " + rows.size() + ": " + sql);
        }
        return rows.get(0);
    }
}
