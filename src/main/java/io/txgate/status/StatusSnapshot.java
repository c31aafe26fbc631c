package io.txgate.status;

import io.txgate.ingest.OpenIdentities;
import io.txgate.ingest.RecentRejections;
import java.time.Instant;
import java.util.List;

/**
 * What {@code /status/data} answers: the figures of the last second and the chart series of the last 15 minutes. Only
 * counts, rates, sizes and the codes and reasons of rejections: never a transaction, a batch or a batchId, which only
 * the read API (scope {@code read}) shows.
 *
 * @param server the server's side; null in a client-only process
 * @param client the client's side; null in a server-only process
 */
record StatusSnapshot(
        String version,
        String commit,
        Instant sampledAt,
        long uptimeSeconds,
        Server server,
        Client client,
        Series series) {

    /**
     * @param ackP50Millis acknowledgement latency (frame read to reply ready, ACCEPTED and DUPLICATE) of the last
     *     second, median; null without replies in it
     * @param storeBytes SQLite file and its WAL; null on PostgreSQL
     * @param freeDiskBytes usable space on the SQLite file's file system; null on PostgreSQL
     * @param identityCount client certificate subjects with open connections (mutual TLS); 0 without
     * @param identities the ones with the most open connections, most first
     */
    record Server(
            double transactionsPerSecond,
            double batchesPerSecond,
            double rejectedPerSecond,
            Double ackP50Millis,
            Double ackP99Millis,
            long transactionsStored,
            List<ReplyCount> replies,
            long openConnections,
            int maxConnections,
            long framesInFlight,
            long queuedRows,
            int maxQueuedRows,
            Double commitGroupMean,
            double commitGroupMax,
            Long storeBytes,
            Long freeDiskBytes,
            int identityCount,
            List<OpenIdentities.Identity> identities,
            List<RecentRejections.Rejection> rejections) {}

    /**
     * @param oldestAgeSeconds age of the oldest batch waiting in the outbox; 0 when it is empty
     * @param rejectedBatches batches the server refused for good, in the outbox's rejected table
     */
    record Client(
            long outboxDepth,
            double oldestAgeSeconds,
            long rejectedBatches,
            double sentPerSecond,
            List<ReplyCount> replies) {}

    /** Replies with one status and code: since start, and in the last second. */
    record ReplyCount(String status, String code, long total, double perSecond) {}

    /** The same figures with only the chart points after {@code sinceEpochSecond}: what a page that has the rest needs. */
    StatusSnapshot since(long sinceEpochSecond) {
        return new StatusSnapshot(
                version, commit, sampledAt, uptimeSeconds, server, client, series.after(sinceEpochSecond));
    }

    /** The chart, one column per figure, oldest first; {@code t} in epoch seconds; null where nothing was measured. */
    record Series(
            int intervalSeconds,
            List<Long> t,
            List<Double> transactionsPerSecond,
            List<Double> batchesPerSecond,
            List<Double> rejectedPerSecond,
            List<Double> ackP50Millis,
            List<Double> ackP99Millis,
            List<Double> outboxDepth,
            List<Double> clientRepliesPerSecond) {

        /** The points after {@code epochSecond}: views of these lists, found from the newest end. */
        Series after(long epochSecond) {
            int from = t.size();
            while (from > 0 && t.get(from - 1) > epochSecond) {
                from--;
            }
            int to = t.size();
            return new Series(
                    intervalSeconds,
                    t.subList(from, to),
                    transactionsPerSecond.subList(from, to),
                    batchesPerSecond.subList(from, to),
                    rejectedPerSecond.subList(from, to),
                    ackP50Millis.subList(from, to),
                    ackP99Millis.subList(from, to),
                    outboxDepth.subList(from, to),
                    clientRepliesPerSecond.subList(from, to));
        }
    }
}
