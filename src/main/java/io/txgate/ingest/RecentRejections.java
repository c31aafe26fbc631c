package io.txgate.ingest;

import io.txgate.protocol.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last few rejected frames of the whole server, for the status page: when, on which connection, the code and the
 * reason the client got. Never the frame, nor its batchId: the page is for operators with scope {@code metrics}, who
 * may not read what clients sent (scope {@code read}).
 *
 * <p>Fed by every connection's {@link RejectionLog}, so under a flood of rejected frames it must cost next to nothing:
 * one atomic increment and one array write per rejection, no lock.
 */
public final class RecentRejections {

    /** How many are kept: enough for a glance, small enough to send every second. */
    public static final int KEPT = 10;

    /** The reason's length at most; longer ones are cut with an ellipsis. */
    static final int MAX_MESSAGE_CHARS = 200;

    /** One rejected frame, without any of its content. */
    public record Rejection(Instant at, String connectionId, String code, String message) {}

    private final AtomicReferenceArray<Rejection> ring = new AtomicReferenceArray<>(KEPT);
    private final AtomicLong added = new AtomicLong();

    void add(String connectionId, Reply reply, Instant at) {
        var error = reply.error();
        String message = error.message() == null ? "" : error.message();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
        }
        long slot = added.getAndIncrement();
        ring.set(
                (int) (slot % KEPT),
                new Rejection(at, connectionId, error.code().name(), message));
    }

    /** The kept rejections, newest first. Under concurrent adds a slot may show a newer one; fine for a glance. */
    public List<Rejection> latest() {
        long count = added.get();
        int kept = (int) Math.min(count, KEPT);
        var latest = new ArrayList<Rejection>(kept);
        for (int i = 1; i <= kept; i++) {
            Rejection rejection = ring.get((int) ((count - i) % KEPT));
            if (rejection != null) {
                latest.add(rejection);
            }
        }
        return latest;
    }

    /** Rejections seen since start. */
    public long total() {
        return added.get();
    }
}
