package io.txgate.ingest;

import io.txgate.protocol.Reply;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one connection's rejected frames: the first {@value #FULL_LINES} of every 10 s in full (batchId, code and the
 * reason the client got, never the frame), then one line counting the rest. Lines also count against the server-wide
 * {@link ClientEventLog}; every rejection also goes to the status page's {@link RecentRejections}. Only the
 * connection's own thread uses it.
 */
final class RejectionLog {

    static final int FULL_LINES = 3;

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);

    private final String connectionId;
    private final ClientEventLog events;
    private final RecentRejections recent;
    private long windowStart;
    private long lastRejected;
    private int inWindow;
    private long notLogged;

    RejectionLog(String connectionId, ClientEventLog events, RecentRejections recent) {
        this.connectionId = connectionId;
        this.events = events;
        this.recent = recent;
    }

    void rejected(Reply reply, long nanoTime) {
        recent.add(connectionId, reply, Instant.now());
        if (inWindow == 0 || nanoTime - windowStart >= ClientEventLog.WINDOW.toNanos()) {
            flush();
            windowStart = nanoTime;
            inWindow = 0;
        }
        inWindow++;
        lastRejected = nanoTime;
        if (inWindow <= FULL_LINES && log.isInfoEnabled() && events.allow()) {
            // The reason names the field, never the frame body: frames hold account data.
            log.info(
                    "rejected frame on {}: batchId={} {} {}",
                    connectionId,
                    reply.batchId(),
                    reply.error().code(),
                    reply.error().message());
        } else {
            notLogged++;
        }
    }

    /** Logs the count of rejections not logged in full, if any; at the end of a window and when the connection ends. */
    void flush() {
        if (notLogged == 0) {
            return;
        }
        long seconds = Math.max(1, (lastRejected - windowStart + 999_999_999L) / 1_000_000_000L);
        if (log.isInfoEnabled() && events.allow(notLogged)) {
            log.info("{} more rejected frames on {} in {} s", notLogged, connectionId, seconds);
        }
        notLogged = 0;
    }
}
