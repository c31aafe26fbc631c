package io.txgate.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads a range of positions for {@link StoreFeed} with plain JDBC, the same SQL on SQLite and PostgreSQL: the
 * transactions by their key, then the batches that hold them by theirs, joined here by walking both in position order.
 *
 * <p>Why not entities: a page is up to 10,000 rows, and building and tracking them as entities (with each row's batch
 * found by a subquery per row) cost more than the database's own work. Each batch's names are read once, not once per
 * row.
 */
final class FeedRows {

    private static final String ROWS = """
            select row_no, occurred_micros, occurred_nanos, tx_id, account, amount, currency, description
            from transactions
            where row_no > ? and row_no <= ?
            order by row_no
            limit ?""";

    /**
     * The batches holding the positions first..last: the one with the closest key at or below first (a batch's key is
     * its first position), and every one that starts after it up to last.
     */
    private static final String BATCHES = """
            select b.batch_no, b.batch_id, c.subject
            from batches b
            left join clients c on c.client_no = b.client_no
            where b.batch_no >= (select batch_no from batches where batch_no <= ? order by batch_no desc limit 1)
              and b.batch_no <= ?
            order by b.batch_no""";

    /** A transaction's own columns, before its batch is known. */
    private record Row(
            long position,
            long occurredMicros,
            int occurredNanos,
            String txId,
            String account,
            BigDecimal amount,
            String currency,
            String description) {}

    /** A batch's key and names. */
    private record Batch(long firstRow, String batchId, String clientId) {}

    private final JdbcTemplate jdbc;

    FeedRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} rows with {@code after < position <= head}, in position order. */
    List<FeedRow> range(long after, long head, int limit) {
        var rows = new ArrayList<Row>(Math.min(limit, 1024));
        jdbc.query(
                ROWS,
                (RowCallbackHandler) rs -> {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            // As the entity read it: SQLite's text or PostgreSQL's numeric, with the scale as sent.
                            rs.getBigDecimal(6),
                            rs.getString(7),
                            rs.getString(8)));
                },
                after,
                head,
                limit);
        if (rows.isEmpty()) {
            return List.of();
        }
        long first = rows.get(0).position();
        long last = rows.get(rows.size() - 1).position();
        var batches = new ArrayList<Batch>();
        jdbc.query(
                BATCHES,
                (RowCallbackHandler) rs -> {
                    batches.add(new Batch(rs.getLong(1), rs.getString(2), rs.getString(3)));
                },
                first,
                last);

        var page = new ArrayList<FeedRow>(rows.size());
        int next = 0;
        Batch batch = null;
        for (Row row : rows) {
            // Its batch is the last one that starts at or before it; both lists are in position order.
            while (next < batches.size() && batches.get(next).firstRow() <= row.position()) {
                batch = batches.get(next++);
            }
            if (batch == null) {
                throw new IllegalStateException("no stored batch holds position " + row.position());
            }
            page.add(new FeedRow(
                    row.position(),
                    batch.batchId(),
                    batch.clientId(),
                    row.txId(),
                    row.account(),
                    row.amount(),
                    row.currency(),
                    StoredInstant.of(row.occurredMicros(), row.occurredNanos()),
                    row.description()));
        }
        return page;
    }
}
