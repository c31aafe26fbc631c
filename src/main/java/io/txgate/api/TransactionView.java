package io.txgate.api;

import io.txgate.store.StoredBatch;
import io.txgate.store.StoredTransaction;

/**
 * A stored transaction; the amount is a decimal string so no JSON reader turns it into a double. {@code clientId} is
 * the certificate subject of the client that sent its batch (null without one): with the batchId, it names the batch.
 */
record TransactionView(
        String batchId,
        String clientId,
        String id,
        String account,
        String amount,
        String currency,
        String timestamp,
        String description) {

    static TransactionView of(StoredTransaction tx, StoredBatch batch) {
        return new TransactionView(
                batch.getBatchId(),
                batch.getClientId(),
                tx.getTxId(),
                tx.getAccount(),
                tx.getAmount().toPlainString(),
                tx.getCurrency(),
                tx.getOccurredAt().toString(),
                tx.getDescription());
    }
}
