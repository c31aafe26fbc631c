package io.txgate.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * What the writer does differently on SQLite and on PostgreSQL: where positions come from, how an amount is bound,
 * and how a list of values is passed to a query. Everything else is the same SQL on both.
 */
enum StoreDialect {

    /**
     * One writer under SQLite's write lock: a row inserted without a position gets the highest so far plus one, so a
     * group's rows get consecutive positions in the order inserted, and positions are committed in increasing order.
     */
    SQLITE {
        @Override
        Long firstRowBeforeInsert(Connection connection) {
            return null;
        }

        @Override
        long firstRowAfterInsert(Connection connection, Long taken, int rows) throws SQLException {
            return single(connection, "select last_insert_rowid()") - rows + 1;
        }

        @Override
        void bindAmount(PreparedStatement insert, int index, PendingBatch.Row row) throws SQLException {
            insert.setString(index, row.amountText());
        }

        /**
         * One parameter per value: a group holds at most max-group-rows (50,000) plus one batch, so at most that many
         * batchIds, well within the 250,000 parameters sqlite-jdbc's SQLite takes (GroupCommitTests).
         */
        @Override
        PreparedStatement selectIn(Connection connection, String select, String column, Collection<String> values)
                throws SQLException {
            var statement = connection.prepareStatement(
                    select + " " + column + " in (" + String.join(",", Collections.nCopies(values.size(), "?")) + ")");
            int index = 1;
            for (String value : values) {
                statement.setString(index++, value);
            }
            return statement;
        }

        @Override
        int maxRowsPerCommit() {
            return Integer.MAX_VALUE;
        }
    },

    /**
     * Several writers and instances at once: each transaction takes the positions of its transaction id
     * (txgate_first_row in V3__compact_store.sql), without a lock or a shared counter.
     */
    POSTGRESQL {
        @Override
        Long firstRowBeforeInsert(Connection connection) throws SQLException {
            return single(connection, "select txgate_first_row()");
        }

        @Override
        long firstRowAfterInsert(Connection connection, Long taken, int rows) {
            return taken;
        }

        @Override
        void bindAmount(PreparedStatement insert, int index, PendingBatch.Row row) throws SQLException {
            insert.setBigDecimal(index, row.amount());
        }

        /**
         * One statement text whatever the number of values, planned anew for each execution with the values it has.
         * The driver would otherwise make it a server-side prepared statement after five runs, and PostgreSQL may then
         * keep a generic plan made while the table was nearly empty: a sequential scan of {@code batches}, run for
         * every group until the next ANALYZE.
         */
        @Override
        PreparedStatement selectIn(Connection connection, String select, String column, Collection<String> values)
                throws SQLException {
            Array array = connection.createArrayOf("text", values.toArray());
            var statement = connection.prepareStatement(select + " " + column + " = any(?)");
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            statement.setArray(1, array);
            return statement;
        }

        @Override
        int maxRowsPerCommit() {
            return POSITIONS_PER_TRANSACTION;
        }
    };

    /** Positions a PostgreSQL transaction owns (V3__compact_store.sql): the most rows one commit may insert there. */
    static final int POSITIONS_PER_TRANSACTION = 65_536;

    /** The first position of this transaction's rows if it is known before they are inserted, else null. */
    abstract Long firstRowBeforeInsert(Connection connection) throws SQLException;

    /**
     * The first position of the {@code rows} rows just inserted in this transaction; {@code taken} is what {@link
     * #firstRowBeforeInsert} returned.
     */
    abstract long firstRowAfterInsert(Connection connection, Long taken, int rows) throws SQLException;

    /** Binds a transaction row's position: the one given, or none (SQLite numbers the row itself). */
    void bindPosition(PreparedStatement insert, int index, Long position) throws SQLException {
        if (position == null) {
            insert.setNull(index, Types.BIGINT);
        } else {
            insert.setLong(index, position);
        }
    }

    abstract void bindAmount(PreparedStatement insert, int index, PendingBatch.Row row) throws SQLException;

    /**
     * The rows of {@code select} whose {@code column} is one of {@code values}; {@code select} ends with {@code where}
     * or with the other conditions and {@code and}.
     */
    abstract PreparedStatement selectIn(Connection connection, String select, String column, Collection<String> values)
            throws SQLException;

    /** The most transaction rows one commit may insert. */
    abstract int maxRowsPerCommit();

    static StoreDialect of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        }
    }

    static StoreDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> SQLITE;
            case "postgresql" -> POSTGRESQL;
            default ->
                throw new IllegalStateException(
                        "txgate stores into SQLite or PostgreSQL, but the datasource is " + product);
        };
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
