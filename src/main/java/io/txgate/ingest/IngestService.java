package io.txgate.ingest;

import io.txgate.RootCause;
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

/**
 * Decides the reply to a frame: reject it, or store the batch and wait for the commit. Submitting and awaiting are
 * separate steps so that a burst of pipelined frames reaches the store together.
 */
class IngestService {

    /** The reply's message for a frame the memory budget had no room for (PROTOCOL.md, UNAVAILABLE). */
    static final String OVERLOADED = "server overloaded: no memory for this frame now, retry later";

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

    /**
     * A frame on its way to a reply: decided already (rejected), or handed to the store and waiting for the commit.
     * Submitting several before awaiting any lets them reach the store together.
     */
    record Pending(String batchId, Reply decided, CompletableFuture<StoreOutcome> outcome) {}

    /** Rejects the frame or hands its batch to the store, without waiting for the commit. */
    Pending submit(Frame frame, String clientId) {
        if (frame instanceof Frame.Oversized oversized) {
            return decided(Reply.rejected(
                    null,
                    ErrorCode.TOO_LARGE,
                    "frame: " + oversized.bytes() + " bytes, at most " + oversized.limit() + " allowed"));
        }
        if (frame instanceof Frame.Overloaded) {
            // Not parsed, so its batchId is unknown; the reply comes in request order, which tells the client which
            // batch to send again.
            return decided(Reply.rejected(null, ErrorCode.UNAVAILABLE, OVERLOADED));
        }
        ParseResult parsed = parser.parse(((Frame.Body) frame).bytes());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return decided(invalid.reply());
        }
        var batch = ((ParseResult.Valid) parsed).batch();
        // Counted before the flag is read, and until the reply is decided in await: a drain that sets the flag and
        // then waits for zero cannot miss a batch that is on its way to the store.
        storing.incrementAndGet();
        if (refusing) {
            storing.decrementAndGet();
            return decided(
                    Reply.rejected(batch.batchId(), ErrorCode.UNAVAILABLE, "server is shutting down, retry later"));
        }
        try {
            return new Pending(batch.batchId(), null, store.store(batch, clientId));
        } catch (RuntimeException e) {
            // Not counted any more: a drain must not wait for a batch that never reached the store.
            storing.decrementAndGet();
            throw e;
        }
    }

    /** The reply, waiting for the commit until {@code deadlineNanos} ({@link System#nanoTime()} based) at most. */
    Reply await(Pending pending, long deadlineNanos) {
        if (pending.decided() != null) {
            return pending.decided();
        }
        try {
            return toReply(pending.batchId(), awaitCommit(pending.outcome(), deadlineNanos));
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

    /** The longest wait for the store, from the moment a frame was submitted. */
    Duration replyTimeout() {
        return replyTimeout;
    }

    private static Pending decided(Reply reply) {
        return new Pending(reply.batchId(), reply, null);
    }

    private StoreOutcome awaitCommit(CompletableFuture<StoreOutcome> pending, long deadlineNanos) {
        try {
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
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
            return new StoreOutcome.Unavailable("store failed: " + RootCause.message(e));
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
