package io.txgate.ingest;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Reply;
import java.time.Duration;

/**
 * What keeps a connection open, judged by its replies. Only a valid batch (answered ACCEPTED or DUPLICATE) resets
 * the idle clock, so a client cannot hold a connection with empty lines or garbage. A connection whose frames have all
 * been rejected (MALFORMED, INVALID, TOO_LARGE or CONFLICT) for {@code txgate.server.rejected-frames-timeout} is
 * closed after the reply to the last of them. UNAVAILABLE is the server's state, not the client's fault: it neither
 * resets nor starts either clock. Only the connection's own thread uses it.
 */
final class ConnectionRules {

    private final long idleNanos;
    private final long rejectedNanos;
    private long lastValid;
    private long rejectedSince;
    private long rejectedInRun;

    ConnectionRules(Duration idleTimeout, Duration rejectedFramesTimeout, long openedNanoTime) {
        this.idleNanos = idleTimeout.toNanos();
        this.rejectedNanos = rejectedFramesTimeout.toNanos();
        this.lastValid = openedNanoTime;
    }

    void answered(Reply reply, long nanoTime) {
        if (reply.acknowledged()) {
            lastValid = nanoTime;
            rejectedSince = 0;
            rejectedInRun = 0;
        } else if (reply.error().code() != ErrorCode.UNAVAILABLE) {
            if (rejectedInRun == 0) {
                rejectedSince = nanoTime;
            }
            rejectedInRun++;
        }
    }

    /** How long the connection may still go without a valid batch; zero or less: close it. */
    long idleLeftNanos(long nanoTime) {
        return idleNanos - (nanoTime - lastValid);
    }

    /** True when every frame for the rejected-frames timeout was rejected: close after this reply. */
    boolean onlyRejectedTooLong(long nanoTime) {
        return rejectedInRun > 0 && nanoTime - rejectedSince >= rejectedNanos;
    }

    /** Rejected frames since the last valid batch. */
    long rejectedInRun() {
        return rejectedInRun;
    }
}
