package io.txgate.ingest;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-wide budget for bytes held for frames that are not answered yet ({@code txgate.server.max-buffered-bytes}).
 *
 * <p>Without it every connection could hold a frame of {@code max-frame-bytes} and its parsed batch at once: 1,000
 * clients each sending 1 MB without its LF ran a 512 MB heap out of memory and killed connection threads. A connection
 * that needs more than is left waits here without reading its socket, so TCP flow control slows its client down; if
 * no room frees within the wait, its frame is refused (answered UNAVAILABLE) instead.
 */
final class MemoryBudget {

    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;

    MemoryBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Takes {@code bytes}, waiting at most {@code waitNanos} for room.
     *
     * @return false when there was no room in time (nothing taken)
     */
    boolean reserve(long bytes, long waitNanos) {
        if (bytes <= 0) {
            return true;
        }
        if (bytes > limit) {
            return false;
        }
        long left = waitNanos;
        lock.lock();
        try {
            while (used + bytes > limit) {
                if (left <= 0) {
                    return false;
                }
                left = released.awaitNanos(left);
            }
            used += bytes;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code bytes} only if they are free right now. */
    boolean tryReserve(long bytes) {
        return reserve(bytes, 0);
    }

    void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        lock.lock();
        try {
            used -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True when {@code bytes} would fit now; a hint only, as others may take the room before it is reserved. */
    boolean hasRoomFor(long bytes) {
        return used() + bytes <= limit;
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    long limit() {
        return limit;
    }
}
