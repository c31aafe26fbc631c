package io.txgate.protocol;

import java.util.List;

/** A validated batch: its idempotency key and its transactions in the order they were sent. */
public record Batch(String batchId, List<Transaction> transactions) {

    public Batch {
        transactions = List.copyOf(transactions);
    }

    public int count() {
        return transactions.size();
    }
}
