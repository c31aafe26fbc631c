package io.txgate.api;

import io.txgate.store.StoredBatch;
import io.txgate.store.StoredTransaction;

/**
 * A stored transaction as the change feed serves it: its position, then exactly the fields of {@link TransactionView}
 * (batchId and clientId name its batch; the amount is a decimal string).
 */
record FeedTransaction(
        long position,
        String batchId,
        String clientId,
        String id,
        String account,
        String amount,
        String currency,
        String timestamp,
        String description) {

    static FeedTransaction of(StoredTransaction tx, StoredBatch batch) {
        var view = TransactionView.of(tx, batch);
        return new FeedTransaction(
                tx.getRow(),
                view.batchId(),
                view.clientId(),
                view.id(),
                view.account(),
                view.amount(),
                view.currency(),
                view.timestamp(),
                view.description());
    }
}
