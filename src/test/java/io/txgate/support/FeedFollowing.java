package io.txgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A change feed consumer for tests: follows {@code /api/feed} over real HTTP as a downstream system would (always
 * {@code after=<next of the previous answer>}), and keeps what it saw, to compare with the database.
 */
public final class FeedFollowing {

    /** One served transaction: its position, its batch and its id. */
    public record Seen(long position, String batchId, String txId) {}

    private final List<Seen> seen = new ArrayList<>();
    private long next;
    private int requests;

    public List<Seen> seen() {
        return seen;
    }

    public long next() {
        return next;
    }

    /**
     * Asks until {@code target} says the feed holds all it should and the consumer has reached it; {@code api} gives
     * the server to ask for the n-th request (alternating instances, say). Fails after {@code limit}.
     */
    public void followUntil(IntFunction<Http> api, LongSupplier target, int pageSize, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (seen.size() < target.getAsLong()) {
            assertThat(System.nanoTime())
                    .as("the feed still misses rows after %s", limit)
                    .isLessThan(deadline);
            page(api.apply(requests++), pageSize, "1s");
        }
    }

    /** One request; returns how many rows it brought. */
    public int page(Http api, int pageSize, String wait) {
        var response = api.get("/api/feed?after=" + next + "&limit=" + pageSize + "&wait=" + wait);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode page = response.json();
        int rows = 0;
        for (JsonNode tx : page.get("transactions")) {
            seen.add(new Seen(
                    tx.get("position").asLong(),
                    tx.get("batchId").asString(),
                    tx.get("id").asString()));
            rows++;
        }
        long answered = page.get("next").asLong();
        assertThat(answered).isGreaterThanOrEqualTo(next);
        if (rows > 0) {
            assertThat(answered).isEqualTo(seen.get(seen.size() - 1).position());
        } else {
            assertThat(answered).isEqualTo(next);
        }
        next = answered;
        return rows;
    }

    /** Every stored transaction in position order, as the database has them. */
    public static List<Seen> stored(JdbcTemplate jdbc) {
        return jdbc.query(
                "select row_no, batch_id, tx_id from batch_transactions order by row_no",
                (row, i) -> new Seen(row.getLong(1), row.getString(2), row.getString(3)));
    }

    public static long storedCount(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from transactions", Long.class);
    }
}
