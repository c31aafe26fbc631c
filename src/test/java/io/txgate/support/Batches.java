package io.txgate.support;

import java.util.StringJoiner;

/** Builds request frames for tests. */
public final class Batches {

    private Batches() {}

    /** A valid batch of {@code count} transactions on account ACC-1. */
    public static String valid(String batchId, int count) {
        var transactions = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            transactions.add(transaction("t" + i, "ACC-1", "\"" + (i + 1) + ".25\"", "coffee " + i));
        }
        return batch(batchId, transactions.toString());
    }

    public static String batch(String batchId, String transactionsJson) {
        return "{\"batchId\":\"" + batchId + "\",\"transactions\":" + transactionsJson + "}";
    }

    /** One transaction object; {@code amountJson} is inserted as is (quote it for a string amount). */
    public static String transaction(String id, String account, String amountJson, String description) {
        return "{\"id\":\"" + id + "\",\"account\":\"" + account + "\",\"amount\":" + amountJson
                + ",\"currency\":\"EUR\",\"timestamp\":\"2026-11-25T10:15:30.123Z\",\"description\":\""
                + description + "\"}";
    }
}
