package io.txgate.api;

import io.txgate.store.StoredBatch;
import io.txgate.store.StoredTransaction;
import java.util.List;

/** A stored batch as the read API returns it. */
record BatchView(String batchId, String receivedAt, int count, String clientId, List<TransactionView> transactions) {

    static BatchView of(StoredBatch batch, List<StoredTransaction> transactions) {
        return new BatchView(
                batch.getBatchId(),
                batch.getReceivedAt().toString(),
                batch.getCount(),
                batch.getClientId(),
                transactions.stream().map(tx -> TransactionView.of(tx, batch)).toList());
    }
}
