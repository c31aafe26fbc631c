package io.txgate.api;

import io.txgate.store.StoredTransaction;

/** A stored transaction; the amount is a decimal string so no JSON reader turns it into a double. */
record TransactionView(
        String batchId,
        String id,
        String account,
        String amount,
        String currency,
        String timestamp,
        String description) {

    static TransactionView of(StoredTransaction tx) {
        return new TransactionView(
                tx.getBatchId(),
                tx.getTxId(),
                tx.getAccount(),
                tx.getAmount().toPlainString(),
                tx.getCurrency(),
                tx.getOccurredAt().toString(),
                tx.getDescription());
    }
}
