package io.txgate.store;

/** What the store did with one submitted batch. */
public sealed interface StoreOutcome {

    /** Newly committed. */
    record Stored(int count) implements StoreOutcome {}

    /** Committed before with the same content; nothing new stored. */
    record Duplicate(int count) implements StoreOutcome {}

    /** Committed before with different content; nothing stored. */
    record Conflict() implements StoreOutcome {}

    /** Not stored now; the client may retry with the same batchId. */
    record Unavailable(String reason) implements StoreOutcome {}
}
