package io.txgate.store;

import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchFingerprint;
import io.txgate.protocol.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A batch waiting for the writer, already in the form it is stored in, with the future its connection waits on.
 *
 * @param clientId the client certificate's subject, or null without one: with the batchId, the idempotency key
 * @param fingerprint the SHA-256 of the batch's content (PROTOCOL.md's "same content")
 */
record PendingBatch(
        String batchId, String clientId, byte[] fingerprint, List<Row> rows, CompletableFuture<StoreOutcome> outcome) {

    /**
     * One transaction as its column values.
     *
     * @param amountText the amount as SQLite stores it (plain notation, scale as sent)
     */
    record Row(
            String txId,
            String account,
            BigDecimal amount,
            String amountText,
            String currency,
            long occurredMicros,
            int occurredNanos,
            String description) {}

    /**
     * Everything the writer needs, computed by the calling thread (a connection's): the writer commits every batch of
     * every connection on one thread, so it should only bind values.
     */
    static PendingBatch of(Batch batch, String clientId, CompletableFuture<StoreOutcome> outcome) {
        var rows = new ArrayList<Row>(batch.count());
        for (Transaction tx : batch.transactions()) {
            rows.add(new Row(
                    tx.id(),
                    tx.account(),
                    tx.amount(),
                    tx.amount().toPlainString(),
                    tx.currency(),
                    StoredInstant.micros(tx.timestamp()),
                    StoredInstant.nanos(tx.timestamp()),
                    tx.description()));
        }
        return new PendingBatch(batch.batchId(), clientId, BatchFingerprint.digest(batch), List.copyOf(rows), outcome);
    }

    int count() {
        return rows.size();
    }

    /** True when nobody waits any longer (the reply already went out as UNAVAILABLE): skip it if not yet started. */
    boolean abandoned() {
        return outcome.isDone();
    }
}
