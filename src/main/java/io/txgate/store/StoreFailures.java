package io.txgate.store;

import io.txgate.RootCause;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Tells failures of the store itself (every batch would fail now) from failures caused by one batch's data. */
final class StoreFailures {

    // SQLite primary result codes that mean the database, not the row, is the problem:
    // BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB.
    private static final Set<Integer> SQLITE_STORE_CODES = Set.of(5, 6, 8, 10, 11, 13, 14, 26);

    private StoreFailures() {}

    // SQLite extended result codes of a unique key violation: SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE.
    private static final Set<Integer> SQLITE_KEY_CODES = Set.of(1555, 2067);

    /** A unique key violation: another writer stored one of the batches (or numbered one of the clients) first. */
    static boolean isKeyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof ConstraintViolationException || cause instanceof DataIntegrityViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql && isKeyState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeyState(SQLException sql) {
        // 23505: PostgreSQL's unique_violation.
        return "23505".equals(sql.getSQLState()) || (isSqlite(sql) && SQLITE_KEY_CODES.contains(sql.getErrorCode()));
    }

    /** A JDBC failure as the unchecked exception the writer handles, naming what failed. */
    static RuntimeException unchecked(String task, SQLException failure) {
        return new UncategorizedSQLException(task, null, failure);
    }

    /** The store cannot take any write now: connection lost, locked, read-only, disk full and the like. */
    static boolean isStoreUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isStoreState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStoreState(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.startsWith("58")
                        || state.equals("25006"))) {
            // Connection, insufficient resources, operator intervention, system error, read-only transaction.
            return true;
        }
        return isSqlite(sql) && SQLITE_STORE_CODES.contains(sql.getErrorCode() & 0xFF);
    }

    private static boolean isSqlite(SQLException sql) {
        return sql.getClass().getName().equals("org.sqlite.SQLiteException");
    }

    static String describe(Throwable failure) {
        return RootCause.message(failure);
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
