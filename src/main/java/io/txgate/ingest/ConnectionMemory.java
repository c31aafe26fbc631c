package io.txgate.ingest;

import io.txgate.protocol.FrameMemory;
import java.time.Duration;

/**
 * One connection's account with the {@link MemoryBudget}: the bytes it holds for frames it has read and not yet
 * answered. Only the connection's own thread uses it.
 *
 * <p>The first {@value #SHARE_BYTES} bytes a connection holds are its own share, counted outside the budget and
 * never waited for (they add up to {@code max-connections} × 32 KiB at most). So a client sending ordinary batches is
 * served at once however much of the budget others hold; only what a connection holds beyond its share is drawn from
 * the budget, and may wait there.
 *
 * <p>A frame of n bytes is held as n bytes for its body plus {@value #BATCH_BYTES_PER_BODY_BYTE} n + 1 KiB for what
 * it becomes until its reply is written: the body decoded into characters (2 bytes each), the parsed batch and what
 * the store makes of it. Parsing 1,000-transaction batches allocated 4 to 8.5 times their bytes in all and kept 1.2
 * to 1.5 times (docs/operations.md, "Memory").
 */
final class ConnectionMemory implements FrameMemory {

    static final long SHARE_BYTES = 32 * 1024;
    static final int BATCH_BYTES_PER_BODY_BYTE = 4;
    static final int BATCH_OVERHEAD_BYTES = 1024;

    private final MemoryBudget budget;
    private final long waitNanos;
    // Frames read and not answered: buffers, bodies and their batches.
    private long held;
    // What the connection's read buffer grew by; drawn from the budget only, kept for the connection's life.
    private long readBufferGrowth;

    ConnectionMemory(MemoryBudget budget, Duration wait) {
        this.budget = budget;
        this.waitNanos = wait.toNanos();
    }

    /** For deserializers reading a stream that is not a connection's (tests): everything granted. */
    static ConnectionMemory unbounded() {
        return new ConnectionMemory(new MemoryBudget(Long.MAX_VALUE), Duration.ZERO);
    }

    /** Memory for a frame being read; waits up to {@code txgate.server.buffer-wait} for the budget. */
    @Override
    public boolean reserve(long bytes) {
        long need = overShare(held + bytes) - overShare(held);
        if (need > 0 && !budget.reserve(need, waitNanos)) {
            return false;
        }
        held += bytes;
        return true;
    }

    @Override
    public void release(long bytes) {
        long before = overShare(held);
        held -= bytes;
        budget.release(before - overShare(held));
    }

    /** Memory for what a complete frame of {@code bodyBytes} becomes until it is answered (its body is held already). */
    boolean reserveBatch(long bodyBytes) {
        return reserve(batchBytes(bodyBytes));
    }

    static long batchBytes(long bodyBytes) {
        return BATCH_BYTES_PER_BODY_BYTE * bodyBytes + BATCH_OVERHEAD_BYTES;
    }

    /**
     * True when a further frame of {@code frameBytes} that is already received could be read and parsed without
     * waiting: read-ahead only takes frames that fit now, it never waits for room.
     */
    boolean hasRoomForFrame(long frameBytes) {
        // Reading it may take a buffer of up to twice its size next to the body; then the body and its batch.
        long most = 3 * frameBytes + batchBytes(frameBytes);
        long need = overShare(held + most) - overShare(held);
        return need == 0 || budget.hasRoomFor(need);
    }

    /** Lets the read buffer grow by {@code bytes} if the budget has them free now. */
    boolean tryGrowReadBuffer(long bytes) {
        if (!budget.tryReserve(bytes)) {
            return false;
        }
        readBufferGrowth += bytes;
        return true;
    }

    /** The previous frames are answered: everything they held is free again. */
    void releaseAnswered() {
        release(held);
    }

    /** The connection ended: frees all it held, whatever state it ended in. */
    void releaseAll() {
        releaseAnswered();
        budget.release(readBufferGrowth);
        readBufferGrowth = 0;
    }

    long held() {
        return held;
    }

    private static long overShare(long bytes) {
        return Math.max(0, bytes - SHARE_BYTES);
    }
}
