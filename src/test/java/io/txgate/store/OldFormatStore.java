package io.txgate.store;

import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchFingerprint;
import io.txgate.protocol.Transaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A store in the format before V3 (the V1/V2 migrations), written the way txgate wrote it up to commit 03d012c and read
 * the way its read API read it: the "before" of the migration tests.
 *
 * <p>Writing: SQLite kept instants as fixed-width UTC text with nanoseconds and amounts as {@code BigDecimal} text (the
 * driver's {@code setBigDecimal}); PostgreSQL kept {@code timestamptz} (microseconds, finer cut off) and {@code
 * numeric}. Both kept the fingerprint as hex text and the client's subject as text.
 *
 * <p>Reading: a batch's transactions by seq; an account's transactions newest first, ties by batchId and seq
 * descending, between the read API's default bounds; instants as {@link Instant#toString()}, amounts as {@link
 * BigDecimal#toPlainString()}.
 */
enum OldFormatStore {
    SQLITE("sqlite", "1"),
    POSTGRESQL("postgresql", "2");

    /** The earlier read API's default bounds of an account listing. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final DateTimeFormatter SQLITE_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String vendor;
    private final String lastVersion;

    OldFormatStore(String vendor, String lastVersion) {
        this.vendor = vendor;
        this.lastVersion = lastVersion;
    }

    /** Creates the old tables with the real old migrations, stopping before V3. */
    void create(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/" + vendor)
                .target(lastVersion)
                .load()
                .migrate();
    }

    void insert(Connection connection, Batch batch, String clientId, Instant receivedAt) throws SQLException {
        try (PreparedStatement header = connection.prepareStatement("insert into batches (batch_id, content_hash,"
                + " tx_count, received_at, client_id) values (?, ?, ?, ?, ?)")) {
            header.setString(1, batch.batchId());
            header.setString(2, BatchFingerprint.of(batch));
            header.setInt(3, batch.count());
            setInstant(header, 4, receivedAt);
            header.setString(5, clientId);
            header.executeUpdate();
        }
        try (PreparedStatement rows = connection.prepareStatement("insert into transactions (batch_id, seq, tx_id,"
                + " account, amount, currency, occurred_at, description) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (Transaction tx : batch.transactions()) {
                rows.setString(1, batch.batchId());
                rows.setInt(2, seq++);
                rows.setString(3, tx.id());
                rows.setString(4, tx.account());
                rows.setBigDecimal(5, tx.amount());
                rows.setString(6, tx.currency());
                setInstant(rows, 7, tx.timestamp());
                rows.setString(8, tx.description());
                rows.addBatch();
            }
            rows.executeBatch();
        }
    }

    /** {@code GET /api/batches/{batchId}} as the earlier read API answered it. */
    Map<String, Object> batchView(Connection connection, String batchId) throws SQLException {
        var view = new LinkedHashMap<String, Object>();
        try (PreparedStatement select = connection.prepareStatement(
                "select batch_id, received_at, tx_count, client_id from batches where batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                view.put("batchId", row.getString(1));
                view.put("receivedAt", instant(row, 2).toString());
                view.put("count", row.getInt(3));
                view.put("clientId", row.getString(4));
            }
        }
        view.put("transactions", transactionViews(connection, "where batch_id = ? order by seq", batchId));
        return view;
    }

    /** {@code GET /api/transactions?account=...} over all pages, as the earlier read API listed them. */
    List<Map<String, Object>> accountViews(Connection connection, String account) throws SQLException {
        var all = transactionViews(
                connection, "where account = ? order by occurred_at desc, batch_id desc, seq desc", account);
        return all.stream()
                .filter(view -> {
                    Instant at = Instant.parse((String) view.get("timestamp"));
                    return !at.isBefore(EARLIEST) && at.isBefore(LATEST);
                })
                .toList();
    }

    private List<Map<String, Object>> transactionViews(Connection connection, String where, String value)
            throws SQLException {
        var views = new ArrayList<Map<String, Object>>();
        try (PreparedStatement select = connection.prepareStatement("select batch_id, tx_id, account, amount,"
                + " currency, occurred_at, description from transactions " + where)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    var view = new LinkedHashMap<String, Object>();
                    view.put("batchId", row.getString(1));
                    view.put("id", row.getString(2));
                    view.put("account", row.getString(3));
                    view.put("amount", row.getBigDecimal(4).toPlainString());
                    view.put("currency", row.getString(5));
                    view.put("timestamp", instant(row, 6).toString());
                    view.put("description", row.getString(7));
                    views.add(view);
                }
            }
        }
        return views;
    }

    private void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (this == SQLITE) {
            statement.setString(index, SQLITE_TEXT.format(instant));
        } else {
            statement.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    private Instant instant(ResultSet row, int index) throws SQLException {
        return this == SQLITE
                ? Instant.parse(row.getString(index))
                : row.getObject(index, OffsetDateTime.class).toInstant();
    }
}
