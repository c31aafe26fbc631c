package io.txgate.store;

import io.txgate.protocol.Batch;
import java.util.concurrent.CompletableFuture;

/** A batch waiting for the writer, with the future its connection waits on. */
record PendingBatch(Batch batch, String fingerprint, String clientId, CompletableFuture<StoreOutcome> outcome) {

    int rows() {
        return batch.count();
    }

    String batchId() {
        return batch.batchId();
    }

    /** True when nobody waits any longer (the reply already went out as UNAVAILABLE): skip it if not yet started. */
    boolean abandoned() {
        return outcome.isDone();
    }
}
