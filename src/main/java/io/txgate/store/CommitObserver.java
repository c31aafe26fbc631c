package io.txgate.store;

/**
 * Hears about every group commit of the writer, so that metrics can be kept outside the store. Called on the writer
 * thread; implementations must be fast and must not throw.
 */
public interface CommitObserver {

    /** Does nothing; used when no observer is configured. */
    CommitObserver NONE = new CommitObserver() {
        @Override
        public void committed(int batches, int storedTransactions, long nanos) {}

        @Override
        public void failed(int batches, long nanos) {}
    };

    /**
     * A group of {@code batches} was committed in {@code nanos}; {@code storedTransactions} of its transactions are new
     * (duplicates and conflicts store nothing).
     */
    void committed(int batches, int storedTransactions, long nanos);

    /** A commit of {@code batches} failed after {@code nanos}; nothing of it was stored. */
    void failed(int batches, long nanos);
}
