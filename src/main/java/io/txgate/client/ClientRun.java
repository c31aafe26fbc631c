package io.txgate.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What this run of the client has done: batches generated, acknowledged and rejected, and, when a count is set,
 * whether generation is over.
 */
final class ClientRun {

    private final long count;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** @param count batches to generate, 0 for no limit */
    ClientRun(long count) {
        this.count = count;
    }

    boolean wantsMore() {
        return count == 0 || generated.get() < count;
    }

    void generated() {
        generated.incrementAndGet();
    }

    void acknowledged() {
        acknowledged.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    long generatedCount() {
        return generated.get();
    }

    long acknowledgedCount() {
        return acknowledged.get();
    }

    long rejectedCount() {
        return rejected.get();
    }
}
