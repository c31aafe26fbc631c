package io.txgate.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The rows both sides of the benchmark write: the load generator sends them as frames, the raw limit inserts them with
 * plain JDBC. One source keeps the comparison fair (same value lengths, same spread over the account index).
 *
 * <p>Row {@code r} of the run is a pure function of {@code r}, so frames need no state beyond a counter. Frames are
 * written straight into bytes because the generator shares the CPUs with the server it measures: every microsecond
 * it spends is taken from the server.
 */
public final class SampleBatches {

    /** Accounts the benchmark spreads rows over unless told otherwise. */
    public static final int DEFAULT_ACCOUNTS = 100;

    private static final long EPOCH_MILLIS =
            Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
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
                "ACC-" + account(r, accounts),
                BigDecimal.valueOf(cents(r), 2),
                "EUR",
                Instant.ofEpochMilli(millis(r)),
                description(r));
    }

    private static long account(long r, int accounts) {
        return r * 7919 % accounts;
    }

    private static long cents(long r) {
        return r % 100_000 + 1;
    }

    private static long millis(long r) {
        return EPOCH_MILLIS + r * 37;
    }

    private static String description(long r) {
        return DESCRIPTIONS[(int) (r % DESCRIPTIONS.length)];
    }

    /** The frame (CR LF included) of a batch of {@code size} rows starting at run-wide row {@code firstRow}. */
    public static byte[] frame(String batchId, long firstRow, int size, int accounts) {
        var json = new Ascii(64 + size * 170);
        json.text("{\"batchId\":\"").text(batchId).text("\",\"transactions\":[");
        for (int seq = 0; seq < size; seq++) {
            long r = firstRow + seq;
            if (seq > 0) {
                json.text(",");
            }
            json.text("{\"id\":\"t").number(seq, 1);
            json.text("\",\"account\":\"ACC-").number(account(r, accounts), 1);
            long cents = cents(r);
            json.text("\",\"amount\":\"").number(cents / 100, 1).text(".").number(cents % 100, 2);
            json.text("\",\"currency\":\"EUR\",\"timestamp\":\"").timestamp(millis(r));
            json.text("\",\"description\":\"").text(description(r)).text("\"}");
        }
        json.text("]}\r\n");
        return json.bytes();
    }

    /** A growing byte buffer for ASCII text. */
    private static final class Ascii {

        private byte[] bytes;
        private int length;

        Ascii(int capacity) {
            bytes = new byte[capacity];
        }

        Ascii text(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        /** A non-negative number with at least {@code width} digits (leading zeros). */
        Ascii number(long value, int width) {
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                digits++;
            }
            digits = Math.max(width, digits);
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        /** RFC 3339 in UTC with milliseconds, for instants in years 0000-9999. */
        Ascii timestamp(long epochMillis) {
            var time = LocalDateTime.ofEpochSecond(
                    Math.floorDiv(epochMillis, 1000),
                    (int) Math.floorMod(epochMillis, 1000) * 1_000_000,
                    ZoneOffset.UTC);
            number(time.getYear(), 4).text("-").number(time.getMonthValue(), 2).text("-");
            number(time.getDayOfMonth(), 2).text("T").number(time.getHour(), 2).text(":");
            number(time.getMinute(), 2).text(":").number(time.getSecond(), 2).text(".");
            return number(time.getNano() / 1_000_000, 3).text("Z");
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
