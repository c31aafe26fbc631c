package io.txgate.store;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store read in position order, for the change feed: which positions are final, and the rows up to there.
 *
 * <p>A reader that follows positions must never serve a row while a lower position can still appear, or a consumer
 * that resumes after it would skip that one forever. On SQLite the one writer takes positions under the write lock and
 * commits them in increasing order, so every committed row is final. On PostgreSQL several writers (and instances)
 * commit out of order: a transaction holding lower positions may commit after one holding higher ones. There only the
 * rows below {@code txgate_final_rows_below()} (V3__compact_store.sql: below the oldest transaction still open) are
 * final; the rest waits until that transaction ends.
 */
public class StoreFeed {

    private final JdbcTemplate jdbc;
    private final FeedRows rows;
    private final String headQuery;

    StoreFeed(DataSource dataSource) throws SQLException {
        this.jdbc = new JdbcTemplate(dataSource);
        this.rows = new FeedRows(jdbc);
        this.headQuery = switch (StoreDialect.of(dataSource)) {
            case SQLITE -> "select coalesce(max(row_no), 0) from transactions";
            // The function is STABLE: evaluated once per statement, it bounds a backward scan of the key's index.
            case POSTGRESQL ->
                "select coalesce(max(row_no), 0) from transactions where row_no < txgate_final_rows_below()";
        };
    }

    /**
     * The highest position that is final (no lower one can still appear), or 0 for an empty store. Ask this before
     * {@link #rowsAfter}: every row up to it is then committed and visible to any later statement.
     */
    public long head() {
        Long head = jdbc.queryForObject(headQuery, Long.class);
        return head == null ? 0 : head;
    }

    /** At most {@code limit} rows with {@code after < position <= head}, in position order. */
    public List<FeedRow> rowsAfter(long after, long head, int limit) {
        if (head <= after) {
            return List.of();
        }
        return rows.range(after, head, limit);
    }
}
