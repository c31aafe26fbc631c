package io.txgate.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The rows both sides of the benchmark write: the load generator sends them as frames, the raw limit inserts them with
 * plain JDBC. One source keeps the comparison fair (same value lengths, same spread over the account index).
 *
 * <p>Row {@code r} of the run is a pure function of {@code r}, so frames need no state beyond a counter and cost the
 * generator little CPU, which it shares with the server on the benchmark machine.
 */
public final class SampleBatches {

    /** Accounts the benchmark spreads rows over unless told otherwise. */
    public static final int DEFAULT_ACCOUNTS = 1000;

    private static final Instant EPOCH = Instant.parse("2026-11-25T00:00:00Z");
    private static final String[] DESCRIPTIONS = {"coffee", "groceries", "fuel", "rent share", "books and stationery"};

    private SampleBatches() {}

    /** One transaction as its column values. */
    public record Row(
            String txId, String account, BigDecimal amount, String currency, Instant timestamp, String description) {}

    /**
     * Row {@code seq} of a batch whose first row has run-wide number {@code firstRow}, on one of {@code accounts}
     * accounts. Consecutive rows go to far-apart accounts, so each commit touches as many pages of the account index
     * as there are distinct accounts in it: the account count is what makes inserts cheap or dear for SQLite.
     */
    public static Row row(long firstRow, int seq, int accounts) {
        long r = firstRow + seq;
        return new Row(
                "t" + seq,
                "ACC-" + (r * 7919 % accounts),
                BigDecimal.valueOf(r % 100_000 + 1, 2),
                "EUR",
                EPOCH.plusMillis(r * 37),
                DESCRIPTIONS[(int) (r % DESCRIPTIONS.length)]);
    }

    /** The frame (CR LF included) of a batch of {@code size} rows starting at run-wide row {@code firstRow}. */
    public static byte[] frame(String batchId, long firstRow, int size, int accounts) {
        var json = new StringBuilder(64 + size * 160);
        json.append("{\"batchId\":\"").append(batchId).append("\",\"transactions\":[");
        for (int seq = 0; seq < size; seq++) {
            Row row = row(firstRow, seq, accounts);
            if (seq > 0) {
                json.append(',');
            }
            json.append("{\"id\":\"")
                    .append(row.txId())
                    .append("\",\"account\":\"")
                    .append(row.account())
                    .append("\",\"amount\":\"")
                    .append(row.amount().toPlainString())
                    .append("\",\"currency\":\"")
                    .append(row.currency())
                    .append("\",\"timestamp\":\"")
                    .append(row.timestamp())
                    .append("\",\"description\":\"")
                    .append(row.description())
                    .append("\"}");
        }
        json.append("]}\r\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
