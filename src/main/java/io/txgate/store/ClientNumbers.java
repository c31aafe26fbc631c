package io.txgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers of client identities (the {@code clients} table): a batch row holds its client's number, not the
 * certificate subject. Numbers the store has committed are remembered, so a group usually needs no lookup.
 *
 * <p>Clients without a certificate (subject null) are number 0 and have no row.
 */
final class ClientNumbers {

    /** Without a client certificate. */
    static final int NONE = 0;

    // Subjects are certificate subjects the operator's CA issued, so few; the bound only keeps a misconfigured CA from
    // growing the map without end (then it is simply started over).
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Integer> remembered = new ConcurrentHashMap<>();
    private final StoreDialect dialect;

    ClientNumbers(StoreDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The numbers of those {@code subjects} the store knows (null maps to {@link #NONE}); subjects it has never stored a
     * batch for are left out, as none of their batches can be stored yet.
     */
    Map<String, Integer> known(Connection connection, Collection<String> subjects) throws SQLException {
        var numbers = new HashMap<String, Integer>();
        var unknown = new TreeSet<String>();
        for (String subject : subjects) {
            if (subject == null) {
                numbers.put(null, NONE);
            } else {
                Integer number = remembered.get(subject);
                if (number == null) {
                    unknown.add(subject);
                } else {
                    numbers.put(subject, number);
                }
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, Integer> found = select(connection, unknown);
            numbers.putAll(found);
            remember(found);
        }
        return numbers;
    }

    /**
     * The numbers of all {@code subjects}, adding those the store does not know yet, in the caller's write transaction.
     * New numbers are not remembered here: the transaction may still roll back, and SQLite would then give the number
     * to another subject. {@link #remember} them after the commit.
     */
    Map<String, Integer> numbering(Connection connection, Collection<String> subjects) throws SQLException {
        Map<String, Integer> numbers = known(connection, subjects);
        var missing = new TreeSet<String>();
        for (String subject : subjects) {
            if (!numbers.containsKey(subject)) {
                missing.add(subject);
            }
        }
        if (!missing.isEmpty()) {
            // In subject order, like the batch keys: instances adding the same subjects wait for each other, never
            // deadlock. Another instance may add one first; then its row is taken as it is.
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into clients (subject) values (?) on conflict (subject) do nothing")) {
                for (String subject : missing) {
                    insert.setString(1, subject);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<String, Integer> added = select(connection, missing);
            if (added.size() != missing.size()) {
                throw new IllegalStateException(
                        "clients: added " + missing.size() + " subjects, found " + added.size());
            }
            numbers.putAll(added);
        }
        return numbers;
    }

    /** Numbers that are committed now. */
    void remember(Map<String, Integer> committed) {
        if (remembered.size() > MAX_REMEMBERED) {
            remembered.clear();
        }
        committed.forEach((subject, number) -> {
            if (subject != null) {
                remembered.put(subject, number);
            }
        });
    }

    private Map<String, Integer> select(Connection connection, Collection<String> subjects) throws SQLException {
        var found = new HashMap<String, Integer>();
        try (PreparedStatement select = dialect.selectIn(
                        connection, "select subject, client_no from clients where", "subject", subjects);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getInt(2));
            }
        }
        return found;
    }
}
