package io.txgate.status;

/**
 * One second of the chart: rates over the second before {@code epochSecond}, and latencies of the replies in it.
 * {@code NaN} where there is nothing to show (no server in this process, no reply to measure).
 */
record StatusPoint(
        long epochSecond,
        double transactionsPerSecond,
        double batchesPerSecond,
        double rejectedPerSecond,
        double ackP50Millis,
        double ackP99Millis,
        double outboxDepth,
        double clientRepliesPerSecond) {}
