package io.txgate.ingest;

import io.txgate.protocol.BatchParser;
import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Frame;
import io.txgate.protocol.ParseResult;
import io.txgate.protocol.Reply;
import io.txgate.store.BatchStore;
import io.txgate.store.StoreOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides the reply to one frame: reject it, or store the batch and wait for the commit. */
class IngestService {

    private final BatchParser parser;
    private final BatchStore store;
    private final Duration replyTimeout;
    private final AtomicInteger storing = new AtomicInteger();
    private volatile boolean refusing;

    IngestService(BatchParser parser, BatchStore store, Duration replyTimeout) {
        this.parser = parser;
        this.store = store;
        this.replyTimeout = replyTimeout;
    }

    Reply ingest(Frame frame, String clientId) {
        if (frame instanceof Frame.Oversized oversized) {
            return Reply.rejected(
                    null,
                    ErrorCode.TOO_LARGE,
                    "frame: " + oversized.bytes() + " bytes, at most " + oversized.limit() + " allowed");
        }
        ParseResult parsed = parser.parse(((Frame.Body) frame).bytes());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return invalid.reply();
        }
        var batch = ((ParseResult.Valid) parsed).batch();
        // Counted before the flag is read: a drain that sets the flag and then waits for zero cannot miss a batch
        // that is on its way to the store.
        storing.incrementAndGet();
        try {
            if (refusing) {
                return Reply.rejected(batch.batchId(), ErrorCode.UNAVAILABLE, "server is shutting down, retry later");
            }
            return toReply(batch.batchId(), awaitCommit(store.store(batch, clientId)));
        } finally {
            storing.decrementAndGet();
        }
    }

    /** Answers valid batches UNAVAILABLE from now on, without storing them: the server is draining. */
    void refuseNewBatches() {
        refusing = true;
    }

    void acceptNewBatches() {
        refusing = false;
    }

    /** Batches handed to the store whose reply is not decided yet. */
    int batchesBeingStored() {
        return storing.get();
    }

    private StoreOutcome awaitCommit(CompletableFuture<StoreOutcome> pending) {
        try {
            return pending.get(replyTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Completing the future tells the writer to skip the batch if it has not started on it yet; if it has,
            // the batch may still be stored, and the client's retry will get DUPLICATE.
            var timedOut =
                    new StoreOutcome.Unavailable("store did not commit within " + replyTimeout.toMillis() + " ms");
            pending.complete(timedOut);
            return pending.getNow(timedOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StoreOutcome.Unavailable("server is shutting down");
        } catch (ExecutionException e) {
            return new StoreOutcome.Unavailable("store failed: " + e.getCause().getMessage());
        }
    }

    private static Reply toReply(String batchId, StoreOutcome outcome) {
        if (outcome instanceof StoreOutcome.Stored stored) {
            return Reply.accepted(batchId, stored.count());
        }
        if (outcome instanceof StoreOutcome.Duplicate duplicate) {
            return Reply.duplicate(batchId, duplicate.count());
        }
        if (outcome instanceof StoreOutcome.Unavailable unavailable) {
            return Reply.rejected(batchId, ErrorCode.UNAVAILABLE, unavailable.reason());
        }
        return Reply.rejected(batchId, ErrorCode.CONFLICT, "batchId: stored before with different content");
    }
}
