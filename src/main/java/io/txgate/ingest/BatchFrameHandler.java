package io.txgate.ingest;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Frame;
import io.txgate.protocol.Reply;
import io.txgate.protocol.ReplyEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The service activator of the ingest flow: one frame in, one encoded reply out. It never throws, because an
 * exception here would leave the client without a reply.
 */
class BatchFrameHandler implements GenericHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(BatchFrameHandler.class);

    private final IngestService ingest;
    private final FrameObserver observer;
    private final ReplyEncoder encoder = new ReplyEncoder();

    BatchFrameHandler(IngestService ingest, FrameObserver observer) {
        this.ingest = ingest;
        this.observer = observer;
    }

    @Override
    public Object handle(Frame frame, MessageHeaders headers) {
        long start = System.nanoTime();
        Reply reply = null;
        try {
            observer.received(frame);
            String connectionId = (String) headers.get(IpHeaders.CONNECTION_ID);
            String clientId = (String) headers.get(ClientIdMapper.CLIENT_ID);
            reply = replyTo(frame, connectionId, clientId);
            if (!reply.acknowledged()) {
                // The reason names the field, never the frame body: frames hold account data.
                log.info(
                        "rejected frame on {}: batchId={} {} {}",
                        connectionId,
                        reply.batchId(),
                        reply.error().code(),
                        reply.error().message());
            }
            return encoder.encode(reply);
        } finally {
            if (reply != null) {
                observer.answered(reply, System.nanoTime() - start);
            }
        }
    }

    /** From now on valid batches are answered UNAVAILABLE instead of being stored (graceful shutdown). */
    void refuseNewBatches() {
        ingest.refuseNewBatches();
    }

    /** Takes new batches again after {@link #refuseNewBatches()} (a restarted context). */
    void acceptNewBatches() {
        ingest.acceptNewBatches();
    }

    /** Batches handed to the store and not yet answered. */
    int batchesBeingStored() {
        return ingest.batchesBeingStored();
    }

    private Reply replyTo(Frame frame, String connectionId, String clientId) {
        try {
            return ingest.ingest(frame, clientId);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling a frame on {}", connectionId, e);
            return Reply.rejected(null, ErrorCode.UNAVAILABLE, "internal error, retry later");
        }
    }
}
